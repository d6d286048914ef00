using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Mail over SMTP with MailKit (when <c>Smtp__Host</c> is set), on connections kept between sends.</summary>
public sealed class SmtpEmailChannel(SmtpConnections connections, IOptions<MailOptions> options) : ICodeChannel
{
    public string Channel => Channels.Email;

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        connections.SendAsync(MailMessages.Build(message, options.Value), cancellationToken);
}
