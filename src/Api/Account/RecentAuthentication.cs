using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Settings;
using static LoginOrchestrator.Templates.Settings.SettingCatalog;

namespace LoginOrchestrator.Api.Account;

/// <summary>
/// A sensitive account change (a first TOTP, a first password) needs more than a session, or a stolen one becomes
/// lasting control: a login within <c>authentication.reauthentication_seconds</c> (the session's <c>issuedAt</c> is
/// its login time), or the current password in the same request, checked and counted like a login's. Changes that
/// need a current TOTP code (removing TOTP, new recovery codes) carry their second factor already.
/// </summary>
public sealed class RecentAuthentication(
    SettingsCache settings, IPasswordHasher hasher, IAccountLockout lockout, ILoginPolicySource policy, TimeProvider time)
{
    public const string Required = "reauthentication_required";

    public async Task<Refusal?> CheckAsync(SessionRecord session, UserAccount user, string? currentPassword, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromSeconds((await settings.GetAsync(cancellationToken)).Int(Authentication, "reauthentication_seconds"));
        if (time.GetUtcNow() - session.IssuedAt <= window) return null;
        if (string.IsNullOrEmpty(currentPassword) || user.PasswordHash is null)
            return new Refusal(Required, user.PasswordHash is null
                ? $"This change needs a login within the last {window.TotalMinutes:0} minutes: sign in again, then retry."
                : $"This change needs a login within the last {window.TotalMinutes:0} minutes, or your current password as currentPassword.");
        return await VerifyPasswordAsync(user, currentPassword, cancellationToken);
    }

    /// <summary>The current password, against the account's lock-out: a stolen session must not become a password oracle.</summary>
    public async Task<Refusal?> VerifyPasswordAsync(UserAccount user, string currentPassword, CancellationToken cancellationToken)
    {
        if (await lockout.LockedForAsync(user.NormalizedUserId, cancellationToken) is { } wait) return Locked(wait);
        if (await hasher.VerifyAsync(currentPassword, user.PasswordHash, cancellationToken)) return null;
        var lockedFor = await lockout.RecordFailureAsync(
            user.NormalizedUserId, FailureKind.Password, (await policy.GetAsync(cancellationToken)).Lockout, cancellationToken);
        return lockedFor is { } locked ? Locked(locked)
            : new Refusal("invalid_credentials", "The current password is incorrect.");
    }

    private static Refusal Locked(TimeSpan wait) => new("locked",
        "Too many wrong passwords; the account is locked for now.", RetryAfter: Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
}
