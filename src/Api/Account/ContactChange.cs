using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Captcha;
using LoginOrchestrator.Steps.Delivery;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Account;

/// <summary>A code on its way to a new contact: where (masked), until when, and when another may be asked for.</summary>
public sealed record ContactCodeDto(string Channel, string MaskedTarget, DateTimeOffset ExpiresAt, DateTimeOffset ResendAvailableAt);

/// <summary>
/// Changing a bound email or mobile number. The user proves the new one with a code sent to it, after a recent login
/// (or their current password); the old one is told once it changed. An admin may set a contact outright: it is
/// unproven (no recovery code or notice goes to it) until a code sent to it comes back, and the audit says who set it.
/// </summary>
public sealed class ContactChange(
    LoginDbContext db, LoginAudit audit, RecentAuthentication recent, ILoginPolicySource policies, ICodeSendLimiter limiter, CaptchaCodes codes,
    ICodeDispatcher dispatcher, IUserAccounts accounts, IAccountNotices notices, TimeProvider time, ILogger<ContactChange> logger)
{
    public const string Changed = "ContactChanged";
    public const string SetByAdmin = "ContactSet";

    /// <summary>The code store's key of a user's pending change on one channel: one live code per user and channel.</summary>
    private static string KeyOf(UserAccount user, string channel) => $"contact:{channel}:{user.NormalizedUserId}";

    public async Task<Outcome<ContactCodeDto>> BeginAsync(
        SessionRecord session, string channel, string typedTarget, string? currentPassword, ClientInfo client, CancellationToken cancellationToken)
    {
        if (await db.Users.FindEnabledAsync(session.UserId, cancellationToken) is not { } user) return Refusal.UserNotFound;
        if (await recent.CheckAsync(session, user, currentPassword, cancellationToken) is { } stale) return stale;
        var target = BindTarget.Of(channel, typedTarget);
        if (!target.IsValid) return Refusal.Invalid("target", channel == BindTarget.Email ? "Not an email address." : "Not a mobile number.");
        if (CurrentOf(user, channel) == target.Target) return Refusal.Invalid("target", "This is already your contact.");
        var policy = await policies.GetAsync(cancellationToken);
        if (!policy.SharedContactsAllowed && await db.Users.AsNoTracking().HoldingContactAsync(user.UserId, channel, target.Target, cancellationToken))
            return new Refusal(ProblemCodes.ContactTaken, "This contact is bound to another user.", "target");

        var key = KeyOf(user, channel);
        var now = time.GetUtcNow();
        // The live code's issue time, from its expiry and the lifetime codes are given.
        if (await codes.FindAsync(key, cancellationToken) is { } live
            && live.ExpiresAt - TimeSpan.FromSeconds(policy.CodeExpireSeconds) + LoginPolicy.ResendCooldown is var again && again > now)
            return RateLimited(again - now);
        var allowance = await limiter.TryAcquireAsync(user.NormalizedUserId, target.Target, client.IpAddress, cancellationToken);
        if (!allowance.Allowed) return RateLimited(allowance.RetryAfter);

        var issued = await codes.IssueAsync(key, channel, target.Target, policy.CodeLength, TimeSpan.FromSeconds(policy.CodeExpireSeconds), cancellationToken);
        await dispatcher.DispatchAsync(new CodeDispatch(key, channel, target.Target, issued.Code, issued.ExpiresAt, "bind",
            user.NormalizedUserId, user.Name, client.Language), cancellationToken);
        return new ContactCodeDto(channel, ContactMask.Mask(channel, target.Target), issued.ExpiresAt, now + LoginPolicy.ResendCooldown);
    }

    public async Task<Outcome<UserAccount>> ConfirmAsync(SessionRecord session, string channel, string code, ClientInfo client, CancellationToken cancellationToken)
    {
        if (await db.Users.FindEnabledAsync(session.UserId, cancellationToken) is not { } user) return Refusal.UserNotFound;
        var (verdict, record) = await codes.CheckAsync(KeyOf(user, channel), code, cancellationToken);
        if (verdict == CaptchaVerdict.Wrong) return Refusal.CodeInvalid;
        if (verdict != CaptchaVerdict.Accepted) return new Refusal(Orchestrator.Engine.FlowCodes.CodeExpired, "The code is no longer valid; ask for a new one.");
        var policy = await policies.GetAsync(cancellationToken);
        // Taken meanwhile by someone who proved it first.
        if (!policy.SharedContactsAllowed && await db.Users.AsNoTracking().HoldingContactAsync(user.UserId, channel, record!.Target, cancellationToken))
            return new Refusal(ProblemCodes.ContactTaken, "This contact is bound to another user.", "target");

        var old = ProvenEmailOf(user);
        await accounts.BindContactAsync(user.NormalizedUserId, channel, record!.Target, cancellationToken);
        await AuditAsync(user, Changed, channel, client, cancellationToken);
        // The old address is told (a thief who changed it is seen by the owner); for a new number, the proven email.
        await TellAsync(user, old, ContactMask.Mask(channel, record.Target), client, cancellationToken);
        logger.LogInformation("User {UserId} proved a new {Channel} contact", user.NormalizedUserId, channel);
        await db.Entry(user).ReloadAsync(cancellationToken);
        return user;
    }

    /// <summary>An admin sets (or, with null, removes) a contact: unproven, audited, the old proven email told.</summary>
    public async Task<Outcome<UserAccount>> SetByAdminAsync(string userId, string channel, string? typedTarget, string adminId, ClientInfo client, CancellationToken cancellationToken)
    {
        if (await db.Users.WithUserId(userId).SingleOrDefaultAsync(cancellationToken) is not { } user) return Refusal.UserNotFound;
        string? target = null;
        if (!string.IsNullOrWhiteSpace(typedTarget))
        {
            var bind = BindTarget.Of(channel, typedTarget);
            if (!bind.IsValid) return Refusal.Invalid("target", channel == BindTarget.Email ? "Not an email address." : "Not a mobile number.");
            if (!(await policies.GetAsync(cancellationToken)).SharedContactsAllowed
                && await db.Users.AsNoTracking().HoldingContactAsync(user.UserId, channel, bind.Target, cancellationToken))
                return new Refusal(ProblemCodes.ContactTaken, "This contact is bound to another user.", "target");
            target = bind.Target;
        }
        if (CurrentOf(user, channel) == target) return user;

        var old = ProvenEmailOf(user);
        var before = AdminUsers.UserSnapshot.Of(user);
        if (channel == BindTarget.Email) (user.Email, user.EmailVerified) = (target, false);
        else (user.Mobile, user.MobileVerified) = (target, false);
        user.UpdatedAt = time.GetUtcNow();
        audit.Stage(new AdminAction(SetByAdmin, adminId, "user", user.NormalizedUserId, client, user.UpdatedAt)
        {
            UserId = user.NormalizedUserId, Reason = $"by_admin:{adminId} {channel}", Before = before, After = AdminUsers.UserSnapshot.Of(user),
        });
        await db.SaveChangesAsync(cancellationToken);
        await TellAsync(user, old, target is null ? "-" : ContactMask.Mask(channel, target), client, cancellationToken);
        logger.LogInformation("Admin {AdminId} set the {Channel} contact of {UserId} (unproven)", adminId, channel, user.NormalizedUserId);
        return user;
    }

    /// <summary>Only a proven address is told: an unproven one may be anyone's.</summary>
    private Task TellAsync(UserAccount user, string? provenEmail, string maskedContact, ClientInfo client, CancellationToken cancellationToken) =>
        provenEmail is null ? Task.CompletedTask : notices.NotifyAsync(new AccountNotice(user.NormalizedUserId, NoticeKind.ContactChanged,
            time.GetUtcNow(), client.IpAddress, client.UserAgent, To: provenEmail, Contact: maskedContact), cancellationToken);

    private static string? CurrentOf(UserAccount user, string channel) => channel == BindTarget.Email ? user.Email : user.Mobile;

    private static string? ProvenEmailOf(UserAccount user) => user.EmailVerified ? user.Email : null;

    private static Refusal RateLimited(TimeSpan wait) =>
        new(Orchestrator.Engine.FlowCodes.RateLimited, "Too many codes; try again later.", RetryAfter: Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));

    private Task AuditAsync(UserAccount user, string outcome, string reason, ClientInfo client, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AccountAction($"contact-{Guid.NewGuid():N}"[..40], user.NormalizedUserId, outcome, reason, client, time.GetUtcNow()), cancellationToken);
}
