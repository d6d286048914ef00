using System.Text.Json;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>The embedded default for SMS: each message is written as a JSON file to the outbox folder.</summary>
public sealed class OutboxSmsChannel(OutboxFolder outbox) : ICodeChannel
{
    public string Channel => Channels.Sms;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await outbox.WriteAsync("sms.json",
            (file, ct) => JsonSerializer.SerializeAsync(file, new { to = message.To, text = message.Text }, cancellationToken: ct),
            cancellationToken);
    }
}
