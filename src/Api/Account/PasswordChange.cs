using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Passwords;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Sessions;

namespace LoginOrchestrator.Api.Account;

/// <summary>
/// A user changes their own password. The current one is required once one is set, and a wrong one counts
/// against the account's lock-out like a wrong login (a stolen session must not become a password oracle). A first
/// password (a WeCom-only user) has no current one to prove: it needs a recent login instead. The user is told by mail.
/// </summary>
public sealed class PasswordChange(
    LoginDbContext db, IPasswordHasher hasher, IAccountLockout lockout, RecentAuthentication recent,
    SessionService sessions, IAccountNotices notices, TimeProvider time, ILogger<PasswordChange> logger)
{
    public async Task<Refusal?> ChangeAsync(
        SessionRecord session, string? currentPassword, string newPassword, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindEnabledAsync(session.UserId, cancellationToken);
        if (user is null) return Refusal.UserNotFound;

        if (user.PasswordHash is null)
        {
            if (await recent.CheckAsync(session, user, currentPassword: null, cancellationToken) is { } stale) return stale;
        }
        else if (string.IsNullOrEmpty(currentPassword))
            return Refusal.Invalid("currentPassword", "The current password is required.");
        else if (await recent.VerifyPasswordAsync(user, currentPassword, cancellationToken) is { } refused)
            return refused;
        if (PasswordRules.Check(newPassword, user.UserId) is { } problem) return Refusal.Invalid("newPassword", problem);
        if (user.PasswordHash is not null && await hasher.VerifyAsync(newPassword, user.PasswordHash, cancellationToken))
            return Refusal.Invalid("newPassword", "The new password must differ from the current one.");

        var revoked = await sessions.EndOtherSessionsAsync(session, user, async () =>
        {
            user.PasswordHash = hasher.Hash(newPassword);
            user.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        await lockout.ResetAsync(user.UserId, FailureKind.Password, cancellationToken);
        await notices.NotifyAsync(new AccountNotice(user.UserId, NoticeKind.PasswordChanged, time.GetUtcNow(), client.IpAddress, client.UserAgent), cancellationToken);
        logger.LogInformation("User {UserId} changed their password; {Count} other sessions revoked", user.UserId, revoked);
        return null;
    }
}
