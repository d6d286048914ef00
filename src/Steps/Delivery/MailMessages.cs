using LoginOrchestrator.Orchestrator.Ports;
using MimeKit;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Builds the MIME message of a code mail: plain text and HTML alternatives.</summary>
public static class MailMessages
{
    public static MimeMessage Build(OutgoingMessage message, MailOptions options)
    {
        var mail = new MimeMessage();
        var from = MailboxAddress.Parse(options.From);
        if (!string.IsNullOrWhiteSpace(message.SenderName)) from.Name = message.SenderName;
        mail.From.Add(from);
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject ?? "";
        mail.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mail;
    }
}
