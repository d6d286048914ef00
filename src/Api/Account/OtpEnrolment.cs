using System.Data;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Sessions;
using LoginOrchestrator.Stores.Settings;
using Microsoft.EntityFrameworkCore;
using static LoginOrchestrator.Templates.Settings.SettingCatalog;

namespace LoginOrchestrator.Api.Account;

/// <summary>
/// TOTP enrolment and removal for the signed-in user, and an admin's reset. A new secret stays pending
/// (encrypted) until a code from it comes back within ten minutes; enabling or removing TOTP ends the
/// user's other sessions.
/// </summary>
public sealed class OtpEnrolment(
    LoginDbContext db, TotpSecretProtector secrets, TotpVerifier totp, RecoveryCodeSets recoveryCodes, RecentAuthentication recent,
    SessionService sessions, ISessionRevocation revocation, SettingsCache settings, LoginAudit audit, TimeProvider time, ILogger<OtpEnrolment> logger)
{
    public const string Reset = "OtpReset";

    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);
    public const string EnrolOtp = RequiredActions.EnrolOtp;

    /// <summary>A first TOTP decides every later login: it needs a recent login or the current password.</summary>
    public async Task<Outcome<AuthenticatorEnrolment>> BeginAsync(SessionRecord session, string? currentPassword, CancellationToken cancellationToken)
    {
        var user = await FindAsync(session.UserId, cancellationToken);
        if (user is null) return Refusal.UserNotFound;
        if (user.TotpEnabled)
            return new Refusal(ProblemCodes.OtpAlreadyEnabled, "TOTP is already enabled; remove it first.");
        if (await recent.CheckAsync(session, user, currentPassword, cancellationToken) is { } stale) return stale;

        var secret = TotpSecrets.New();
        user.PendingTotpSecret = secrets.Protect(secret);
        user.PendingTotpCreatedAt = time.GetUtcNow();
        user.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);

        var s = await settings.GetAsync(cancellationToken);
        var account = s.String(TwoFactor, "otp_account") == "email" && user.Email is { } email ? email : user.UserId;
        return AuthenticatorEnrolment.For(secret, s.String(TwoFactor, "otp_issuer"), account);
    }

    /// <summary>Enables the pending secret if the code is from it; returns the new recovery codes, shown this once.</summary>
    public async Task<Outcome<IReadOnlyList<string>>> ConfirmAsync(
        SessionRecord session, string code, string? currentPassword, CancellationToken cancellationToken)
    {
        var user = await FindAsync(session.UserId, cancellationToken);
        if (user is null) return Refusal.UserNotFound;
        if (user.TotpEnabled)
            return new Refusal(ProblemCodes.OtpAlreadyEnabled, "TOTP is already enabled.");
        if (await recent.CheckAsync(session, user, currentPassword, cancellationToken) is { } stale) return stale;
        if (user.PendingTotpSecret is null || user.PendingTotpCreatedAt is not { } createdAt || time.GetUtcNow() - createdAt > PendingLifetime)
        {
            await DiscardPendingAsync(user, cancellationToken);
            return new Refusal(ProblemCodes.OtpNotPending,
                "No enrolment is pending (or it is older than ten minutes): start again with POST /account/otp.");
        }
        var secret = secrets.Unprotect(user.PendingTotpSecret);
        if (await totp.VerifyAsync(user.UserId, secret, code, cancellationToken) != OtpVerdict.Accepted) return Refusal.CodeInvalid;

        // TOTP on and its recovery codes in one transaction: a failure between them left TOTP on with no codes, and a
        // retry answered 409 (issue 16.3). Now any failure leaves the enrolment pending, to be confirmed again.
        IReadOnlyList<string> codes = [];
        await sessions.EndOtherSessionsAsync(session, user, async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            user.ProtectedTotpSecret = user.PendingTotpSecret;
            user.TotpEnabled = true;
            user.PendingTotpSecret = null;
            user.PendingTotpCreatedAt = null;
            user.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            codes = await recoveryCodes.ReplaceAsync(user.UserId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
        await sessions.SetRequiredActionsAsync(session.TokenHash, [.. session.RequiredActions.Where(a => a != EnrolOtp)], cancellationToken);
        logger.LogInformation("User {UserId} enabled TOTP", user.UserId);
        return Outcome(codes);
    }

    public async Task<Refusal?> RemoveAsync(SessionRecord session, string code, CancellationToken cancellationToken)
    {
        var user = await FindAsync(session.UserId, cancellationToken);
        if (user is null) return Refusal.UserNotFound;
        if (await VerifyCurrentAsync(user, code, cancellationToken) is { } refused) return refused;

        await sessions.EndOtherSessionsAsync(session, user, () => ClearAsync(user, cancellationToken), cancellationToken);
        // An admin who must have TOTP is held to enrolment again, as after a login without it.
        if (user.Role == Roles.Admin && (await settings.GetAsync(cancellationToken)).Bool(Authentication, "admin_requires_otp"))
            await sessions.SetRequiredActionsAsync(session.TokenHash, [.. session.RequiredActions.Append(EnrolOtp).Distinct()], cancellationToken);
        logger.LogInformation("User {UserId} removed TOTP", user.UserId);
        return null;
    }

    public async Task<Outcome<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(string userId, string code, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken);
        if (user is null) return Refusal.UserNotFound;
        if (await VerifyCurrentAsync(user, code, cancellationToken) is { } refused) return refused;
        return Outcome(await recoveryCodes.ReplaceAsync(user.UserId, cancellationToken));
    }

    /// <summary>An admin resets a user's TOTP (a lost phone): TOTP, pending enrolment and recovery codes go, and every session.</summary>
    /// <summary>An admin's reset: the TOTP and recovery codes go, every session ends; audited with the reset.</summary>
    public async Task<bool> ResetAsync(string userId, Audit.AdminActor admin, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken);
        if (user is null) return false;
        user.SessionEpoch++; // every session of the user ends, written with the reset
        audit.Stage(new AdminAction(Reset, admin.UserId, "user", user.NormalizedUserId, admin.Client, time.GetUtcNow())
        {
            UserId = user.NormalizedUserId, Before = new { totpEnabled = user.TotpEnabled }, After = new { totpEnabled = false },
        });
        await ClearAsync(user, cancellationToken);
        await revocation.RevokeAllAsync(user.UserId, cancellationToken);
        return true;
    }

    private async Task<Refusal?> VerifyCurrentAsync(UserAccount user, string code, CancellationToken cancellationToken)
    {
        if (!user.TotpEnabled || user.ProtectedTotpSecret is null)
            return new Refusal(ProblemCodes.OtpNotEnabled, "TOTP is not enabled.");
        var verdict = await totp.VerifyAsync(user.UserId, secrets.Unprotect(user.ProtectedTotpSecret), code, cancellationToken);
        if (verdict == OtpVerdict.Replayed)
            logger.LogWarning("Security event: replayed TOTP time step for user {UserId} on an account endpoint", user.UserId);
        return verdict == OtpVerdict.Accepted ? null : Refusal.CodeInvalid;
    }

    private async Task ClearAsync(UserAccount user, CancellationToken cancellationToken)
    {
        user.TotpEnabled = false;
        user.ProtectedTotpSecret = null;
        user.PendingTotpSecret = null;
        user.PendingTotpCreatedAt = null;
        user.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await recoveryCodes.DeleteAsync(user.UserId, cancellationToken);
    }

    private async Task DiscardPendingAsync(UserAccount user, CancellationToken cancellationToken)
    {
        if (user.PendingTotpSecret is null) return;
        user.PendingTotpSecret = null;
        user.PendingTotpCreatedAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<UserAccount?> FindAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.FindEnabledAsync(userId, cancellationToken);

    private static Outcome<IReadOnlyList<string>> Outcome(IReadOnlyList<string> codes) => new(codes, null);
}
