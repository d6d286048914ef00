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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A sender that does not parse would fail every mail at its first send, not at the start.
        if (!MailboxAddress.TryParse(From, out _))
            yield return new ValidationResult("Smtp:From must be a mailbox: \"Name <address>\" or an address.", [nameof(From)]);
    }
}
