namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>The account events a user is told of by mail (settings <c>notices.*</c>).</summary>
public enum NoticeKind { PasswordChanged, AccountLocked, NewDevice, RecoveryStarted, ContactChanged }

/// <summary>
/// One event to tell a user of. Never a secret: a recovery start carries its link (the code goes by its own message).
/// </summary>
/// <param name="To">The address to tell instead of the account's proven email (a contact change tells the old address).</param>
/// <param name="Contact">A contact change: the new contact, masked.</param>
public sealed record AccountNotice(
    string UserId,
    NoticeKind Kind,
    DateTimeOffset At,
    string? ClientIp = null,
    string? UserAgent = null,
    string? Link = null,
    string? To = null,
    string? Contact = null);

/// <summary>Queues account notices; sent by a job, so a slow mail server never slows the request that caused one.</summary>
public interface IAccountNotices
{
    Task NotifyAsync(AccountNotice notice, CancellationToken cancellationToken);
}
