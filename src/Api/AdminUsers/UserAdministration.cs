using System.Data;
using LoginOrchestrator.Api.Account;
using LoginOrchestrator.Api.Lists;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Passwords;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.AdminUsers;

public sealed record NewUser(string UserId, string Name, string Role, string? Email, string? Mobile, string? Password);

/// <summary>What admins (and the operator's CLI) do to users: create, change role, disable, unlock, reset a password.</summary>
public sealed class UserAdministration(
    LoginDbContext db, IPasswordHasher hasher, IAccountLockout lockout, ICodeSendLimiter codeSends, ISessionRevocation sessions,
    ILoginPolicySource policy, TimeProvider time, ILogger<UserAdministration> logger)
{
    public static IReadOnlyList<string> AllRoles { get; } = [Roles.Agent, Roles.Admin, Roles.Ops];

    public async Task<PageDto<ProfileDto>> ListAsync(string? role, string? query, int page, int pageSize, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrEmpty(role)) users = users.Where(u => u.Role == role);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToLowerInvariant();
            users = users.Where(u => u.NormalizedUserId.Contains(q) || u.Name.ToLower().Contains(q) || (u.Email != null && u.Email.Contains(q)));
        }
        return await users.OrderBy(u => u.NormalizedUserId).ToPageAsync(page, pageSize, ProfileDto.Of, cancellationToken);
    }

    public async Task<ProfileDto?> GetAsync(string userId, CancellationToken cancellationToken) =>
        await FindAsync(userId, cancellationToken) is { } user ? ProfileDto.Of(user) : null;

    public async Task<Outcome<ProfileDto>> CreateAsync(NewUser input, CancellationToken cancellationToken)
    {
        if (Check(input) is { } invalid) return invalid;
        if (await FindAsync(input.UserId, cancellationToken) is not null)
            return new Refusal(ProblemCodes.UserExists, "A user with this id exists.", "userId");
        if (await HeldContactAsync(input, cancellationToken) is { } held) return held;
        var now = time.GetUtcNow();
        var user = new UserAccount
        {
            UserId = input.UserId.Trim(),
            NormalizedUserId = UserIds.Canonical(input.UserId),
            Name = input.Name.Trim(),
            Role = input.Role,
            Email = input.Email is null ? null : BindTarget.Of(BindTarget.Email, input.Email).Target,
            Mobile = input.Mobile is null ? null : BindTarget.Of(BindTarget.Sms, input.Mobile).Target,
            PasswordHash = input.Password is null ? null : hasher.Hash(input.Password),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("User {UserId} created with role {Role}", user.UserId, user.Role);
        return ProfileDto.Of(user);
    }

    /// <summary>Changes role and/or enabled state; either change ends the user's sessions, which carried the old ones.</summary>
    public async Task<Outcome<ProfileDto>> UpdateAsync(string userId, string? role, bool? disabled, CancellationToken cancellationToken)
    {
        if (role is not null && !AllRoles.Contains(role)) return Refusal.NotOneOf("role", AllRoles);
        var user = await FindAsync(userId, cancellationToken);
        if (user is null) return Refusal.UserNotFound;

        var changed = (role is not null && role != user.Role) || (disabled is not null && disabled != user.Disabled);
        if (!changed) return ProfileDto.Of(user);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        if (LosesAdmin(user, role, disabled))
        {
            // Lock every enabled admin's row first (MariaDB row locks; SQLite's one writer), then count: of two admins
            // demoting each other at once, the second waits here and then counts the first one's change.
            await db.Users.Where(u => u.Role == Roles.Admin && !u.Disabled)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.UpdatedAt, u => u.UpdatedAt), cancellationToken);
            await db.Entry(user).ReloadAsync(cancellationToken);
            if (LosesAdmin(user, role, disabled)
                && !await db.Users.AnyAsync(u => u.Role == Roles.Admin && !u.Disabled && u.Id != user.Id, cancellationToken))
                return new Refusal(ProblemCodes.LastAdmin, "This is the last enabled admin; appoint another first.");
        }
        user.Role = role ?? user.Role;
        user.Disabled = disabled ?? user.Disabled;
        user.SessionEpoch++;
        user.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var revoked = await sessions.RevokeAllAsync(user.UserId, cancellationToken);
        logger.LogInformation("User {UserId} now has role {Role}, disabled {Disabled}; {Count} sessions revoked", user.UserId, user.Role, user.Disabled, revoked);
        return ProfileDto.Of(user);
    }

    /// <summary>A contact another active user holds is refused (unless the setting shares contacts); not saying whose.</summary>
    private async Task<Refusal?> HeldContactAsync(NewUser input, CancellationToken cancellationToken)
    {
        if ((await policy.GetAsync(cancellationToken)).SharedContactsAllowed) return null;
        if (input.Email is { } email && await db.Users.HoldingContactAsync(null, Channels.Email, BindTarget.Of(BindTarget.Email, email).Target, cancellationToken))
            return new Refusal(ProblemCodes.ContactTaken, "This email address is bound to another user.", "email");
        if (input.Mobile is { } mobile && await db.Users.HoldingContactAsync(null, Channels.Sms, BindTarget.Of(BindTarget.Sms, mobile).Target, cancellationToken))
            return new Refusal(ProblemCodes.ContactTaken, "This mobile number is bound to another user.", "mobile");
        return null;
    }

    private static bool LosesAdmin(UserAccount user, string? role, bool? disabled) =>
        user.Role == Roles.Admin && !user.Disabled && ((role is not null && role != Roles.Admin) || disabled == true);

    public async Task<bool> UnlockAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken);
        if (user is null) return false;
        await lockout.UnlockAsync(user.UserId, cancellationToken);
        // Ten codes to one address lock its owner out of a captcha login until midnight: the unlock lifts that too.
        await codeSends.ResetAsync(user.UserId, [user.UserId, .. new[] { user.Email, user.Mobile }.OfType<string>()], cancellationToken);
        logger.LogInformation("User {UserId} unlocked by an administrator (lock-out and today's code caps)", user.UserId);
        return true;
    }

    /// <summary>The operator's reset: a new password under the same rules, every session ended, the lock lifted.</summary>
    public async Task<Refusal?> ResetPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken);
        if (user is null) return Refusal.UserNotFound;
        if (PasswordRules.Check(password, user.UserId) is { } problem) return Refusal.Invalid("password", problem);
        user.PasswordHash = hasher.Hash(password);
        user.SessionEpoch++;
        user.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await sessions.RevokeAllAsync(user.UserId, cancellationToken);
        await lockout.UnlockAsync(user.UserId, cancellationToken);
        return null;
    }

    private static Refusal? Check(NewUser input)
    {
        if (string.IsNullOrWhiteSpace(input.UserId) || !UserIds.IsAllowed(UserIds.Canonical(input.UserId)))
            return Refusal.Invalid("userId", UserIds.AllowedSet);
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 128 || input.Name.Any(char.IsControl))
            return Refusal.Invalid("name", "1 to 128 characters, no control characters.");
        if (!AllRoles.Contains(input.Role)) return Refusal.NotOneOf("role", AllRoles);
        if (input.Email is { } email && !BindTarget.Of(BindTarget.Email, email).IsValid)
            return Refusal.Invalid("email", "Not an email address.");
        if (input.Mobile is { } mobile && !BindTarget.Of(BindTarget.Sms, mobile).IsValid)
            return Refusal.Invalid("mobile", "Not a mobile number.");
        if (input.Password is { } password && PasswordRules.Check(password, input.UserId) is { } problem)
            return Refusal.Invalid("password", problem);
        return null;
    }

    /// <summary>As the login's bind step takes a number: no spaces or dashes.</summary>

    private Task<UserAccount?> FindAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.WithUserId(userId).SingleOrDefaultAsync(cancellationToken);
}
