namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Section <c>Smtp</c>: the sender of code mails (the outbox when <see cref="Host"/> is empty).</summary>
public sealed class MailOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "LoginOrchestrator <no-reply@localhost>";
    public string? User { get; set; }
    public string? Password { get; set; }
}
