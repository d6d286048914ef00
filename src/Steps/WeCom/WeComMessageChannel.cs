using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>Codes as WeCom application messages (<c>message/send</c>) to the user id itself: no binding needed.</summary>
public sealed class WeComMessageChannel(WeComClient client) : ICodeChannel
{
    public string Channel => Channels.WeCom;

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        client.SendTextAsync(message.To, message.Text, cancellationToken);
}
