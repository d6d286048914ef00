using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Section <c>Smtp</c>: the sender of code mails (the outbox when <see cref="Host"/> is empty).</summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65_535)]
    public int Port { get; set; } = 25;

    public string From { get; set; } = "LoginOrchestrator <no-reply@localhost>";
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>
    /// SMTP connections open at once, each kept between sends (0: a new connection per mail, as many as sends). A
    /// connection costs maildev ~100 ms before its first mail; a burst of 50 codes reached it at p99 455–617 ms with a
    /// connection per mail (docs/performance.md). Like a mail relay's per-destination limit, it spares the server too.
    /// </summary>
    [Range(0, 100)]
    public int Connections { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A sender that does not parse would fail every mail at its first send, not at the start.
        if (!MailboxAddress.TryParse(From, out _))
            yield return new ValidationResult("Smtp:From must be a mailbox: \"Name <address>\" or an address.", [nameof(From)]);
    }
}
