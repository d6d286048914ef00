using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>The embedded default: each mail is written as an .eml file to the outbox folder.</summary>
public sealed class OutboxEmailChannel(OutboxFolder outbox, IOptions<MailOptions> options) : ICodeChannel
{
    public string Channel => Channels.Email;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var mail = MailMessages.Build(message, options.Value);
        await outbox.WriteAsync("eml", (file, ct) => mail.WriteToAsync(file, ct), cancellationToken);
    }
}
