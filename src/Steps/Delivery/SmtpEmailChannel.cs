using LoginOrchestrator.Orchestrator.Ports;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Mail over SMTP with MailKit (when <c>Smtp__Host</c> is set).</summary>
public sealed class SmtpEmailChannel(IOptions<MailOptions> options) : ICodeChannel
{
    public string Channel => Channels.Email;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var client = new SmtpClient { Timeout = 10_000 };
        await client.ConnectAsync(smtp.Host!, smtp.Port, SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(MailMessages.Build(message, smtp), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
