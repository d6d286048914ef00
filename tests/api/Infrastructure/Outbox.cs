using System.Text.RegularExpressions;
using MimeKit;

namespace LoginOrchestrator.Api.Tests.Infrastructure;

/// <summary>Reads the mails the service wrote to its outbox folder (the embedded default's "SMTP").</summary>
public static partial class Outbox
{
    public static async Task<MimeMessage> WaitForMailAsync(string directory, string to, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var mails = await MailsToAsync(directory, to);
            if (mails.Count >= count) return mails[count - 1];
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail number {count} to {to} in {directory}.");
    }

    public static async Task<IReadOnlyList<MimeMessage>> MailsToAsync(string directory, string to)
    {
        if (!Directory.Exists(directory)) return [];
        var mails = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(directory, "*.eml").Order())
        {
            var mail = await MimeMessage.LoadAsync(file);
            if (mail.To.Mailboxes.Any(m => m.Address == to)) mails.Add(mail);
        }
        return mails;
    }

    public static string CodeIn(MimeMessage mail) => SixToEightDigits().Match(mail.TextBody ?? "").Value;

    [GeneratedRegex(@"\b\d{6,8}\b")]
    private static partial Regex SixToEightDigits();
}
