using System.Data;
using LoginOrchestrator.Api.Account;
using LoginOrchestrator.Api.Audit;
using LoginOrchestrator.Api.Lists;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Passwords;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.AdminUsers;

public sealed record NewUser(string UserId, string Name, string Role, string? Email, string? Mobile, string? Password)
{
    public string? Category { get; init; }
    public IReadOnlyList<string>? Departments { get; init; }
}

/// <summary>What an admin changes of a user; a null member is left as it is (an empty category clears it).</summary>
public sealed record UserChange(string? Name = null, string? Role = null, bool? Disabled = null, string? Category = null, IReadOnlyList<string>? Departments = null);

/// <summary>
/// What admins (and the operator's CLI) do to users: create, edit (name, role, category, departments, disabled),
/// unlock, reset a password. Every change is an admin event in the audit, saved with the change itself.
/// </summary>
public sealed class UserAdministration(
    LoginDbContext db, IPasswordHasher hasher, IAccountLockout lockout, ICodeSendLimiter codeSends, ISessionRevocation sessions,
    ILoginPolicySource policy, LoginAudit audit, TimeProvider time, ILogger<UserAdministration> logger)
{
    public const string Created = "UserCreated";
    public const string Updated = "UserUpdated";
    public const string Unlocked = "UserUnlocked";
    public const string PasswordReset = "PasswordReset";

    public static IReadOnlyList<string> AllRoles { get; } = [Roles.Agent, Roles.Admin, Roles.Ops];

    /// <summary>WeCom's own limit of departments a member belongs to.</summary>
    private const int MaxDepartments = 20;

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

    public async Task<Outcome<ProfileDto>> CreateAsync(NewUser input, AdminActor actor, CancellationToken cancellationToken)
    {
        if (Check(input) is { } invalid) return invalid;
        if (await DepartmentsProblemAsync(input.Departments, cancellationToken) is { } unknown) return unknown;
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
            Category = string.IsNullOrWhiteSpace(input.Category) ? null : input.Category.Trim(),
            Departments = string.Join(',', input.Departments ?? []),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Users.Add(user);
        audit.Stage(Event(Created, user, actor, now) with { After = UserSnapshot.Of(user) });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("User {UserId} created with role {Role}", user.UserId, user.Role);
        return ProfileDto.Of(user);
    }

    /// <summary>
    /// Changes what <paramref name="change"/> names. A new role or a disable (or enable) ends the user's sessions,
    /// which carried the old ones; a name, category or departments apply from the next login (and token) on.
    /// </summary>
    public async Task<Outcome<ProfileDto>> UpdateAsync(string userId, UserChange change, AdminActor actor, CancellationToken cancellationToken)
    {
        if (CheckChange(change) is { } invalid) return invalid;
        var user = await FindAsync(userId, cancellationToken);
        if (user is null) return Refusal.UserNotFound;
        var held = user.Departments.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (await DepartmentsProblemAsync(change.Departments?.Except(held).ToList(), cancellationToken) is { } unknown) return unknown;

        var before = UserSnapshot.Of(user);
        var after = before with
        {
            Name = change.Name?.Trim() ?? before.Name,
            Role = change.Role ?? before.Role,
            Disabled = change.Disabled ?? before.Disabled,
            Category = change.Category is null ? before.Category : change.Category.Trim() is { Length: > 0 } category ? category : null,
            Departments = change.Departments ?? before.Departments,
        };
        if (after.Name == before.Name && after.Role == before.Role && after.Disabled == before.Disabled
            && after.Category == before.Category && after.Departments.SequenceEqual(before.Departments)) return ProfileDto.Of(user);
        var endsSessions = after.Role != before.Role || after.Disabled != before.Disabled;

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        if (LosesAdmin(user, change.Role, change.Disabled))
        {
            // Lock every enabled admin's row first (MariaDB row locks; SQLite's one writer), then count: of two admins
            // demoting each other at once, the second waits here and then counts the first one's change.
            await db.Users.Where(u => u.Role == Roles.Admin && !u.Disabled)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.UpdatedAt, u => u.UpdatedAt), cancellationToken);
            await db.Entry(user).ReloadAsync(cancellationToken);
            if (LosesAdmin(user, change.Role, change.Disabled)
                && !await db.Users.AnyAsync(u => u.Role == Roles.Admin && !u.Disabled && u.Id != user.Id, cancellationToken))
                return new Refusal(ProblemCodes.LastAdmin, "This is the last enabled admin; appoint another first.");
        }
        (user.Name, user.Role, user.Disabled, user.Category) = (after.Name, after.Role, after.Disabled, after.Category);
        // An admin's enable or disable is theirs from now on: the directory sync re-enables only a disable of its own.
        if (after.Disabled != before.Disabled) user.DirectoryDepartedAt = null;
        user.Departments = string.Join(',', after.Departments);
        if (endsSessions) user.SessionEpoch++;
        user.UpdatedAt = time.GetUtcNow();
        audit.Stage(Event(Updated, user, actor, user.UpdatedAt) with { Before = before, After = UserSnapshot.Of(user) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (!endsSessions) return ProfileDto.Of(user);
        var revoked = await sessions.RevokeAllAsync(user.UserId, cancellationToken);
        logger.LogInformation("User {UserId} now has role {Role}, disabled {Disabled}; {Count} sessions revoked", user.UserId, user.Role, user.Disabled, revoked);
        return ProfileDto.Of(user);
    }

    /// <summary>
    /// Departments are the synced directory's (the console picks them from it): a new id the directory does not list
    /// is refused (one the user already has stays, listed or not).
    /// </summary>
    private async Task<Refusal?> DepartmentsProblemAsync(IReadOnlyList<string>? departments, CancellationToken cancellationToken)
    {
        if (departments is not { Count: > 0 }) return null;
        if (departments.Count > MaxDepartments || departments.Any(d => !long.TryParse(d, out var id) || id <= 0 || d != id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            return Refusal.Invalid("departments", "At most 20 department ids (positive integers).");
        var ids = departments.Select(long.Parse).ToList();
        var known = await db.Departments.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        return ids.Except(known).FirstOrDefault() is var missing and not 0
            ? Refusal.Invalid("departments", $"No department {missing} in the directory (sync it first).")
            : null;
    }

    private static AdminAction Event(string outcome, UserAccount user, AdminActor actor, DateTimeOffset at) =>
        new(outcome, actor.UserId, "user", user.NormalizedUserId, actor.Client, at) { UserId = user.NormalizedUserId };

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

    public async Task<bool> UnlockAsync(string userId, AdminActor actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken);
        if (user is null) return false;
        await lockout.UnlockAsync(user.UserId, cancellationToken);
        // Ten codes to one address lock its owner out of a captcha login until midnight: the unlock lifts that too.
        await codeSends.ResetAsync(user.UserId, [user.UserId, .. new[] { user.Email, user.Mobile }.OfType<string>()], cancellationToken);
        await audit.RecordAsync(Event(Unlocked, user, actor, time.GetUtcNow()), cancellationToken);
        logger.LogInformation("User {UserId} unlocked by an administrator (lock-out and today's code caps)", user.UserId);
        return true;
    }

    /// <summary>The operator's reset: a new password under the same rules, every session ended, the lock lifted.</summary>
    public async Task<Refusal?> ResetPasswordAsync(string userId, string password, AdminActor actor, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken);
        if (user is null) return Refusal.UserNotFound;
        if (PasswordRules.Check(password, user.UserId) is { } problem) return Refusal.Invalid("password", problem);
        user.PasswordHash = hasher.Hash(password);
        user.SessionEpoch++;
        user.UpdatedAt = time.GetUtcNow();
        audit.Stage(Event(PasswordReset, user, actor, user.UpdatedAt));
        await db.SaveChangesAsync(cancellationToken);
        await sessions.RevokeAllAsync(user.UserId, cancellationToken);
        await lockout.UnlockAsync(user.UserId, cancellationToken);
        return null;
    }

    private static Refusal? Check(NewUser input)
    {
        if (string.IsNullOrWhiteSpace(input.UserId) || !UserIds.IsAllowed(UserIds.Canonical(input.UserId)))
            return Refusal.Invalid("userId", UserIds.AllowedSet);
        if (CheckChange(new UserChange(Name: input.Name ?? "")) is { } badName) return badName;
        if (!AllRoles.Contains(input.Role)) return Refusal.NotOneOf("role", AllRoles);
        if (input.Email is { } email && !BindTarget.Of(BindTarget.Email, email).IsValid)
            return Refusal.Invalid("email", "Not an email address.");
        if (input.Mobile is { } mobile && !BindTarget.Of(BindTarget.Sms, mobile).IsValid)
            return Refusal.Invalid("mobile", "Not a mobile number.");
        if (input.Password is { } password && PasswordRules.Check(password, input.UserId) is { } problem)
            return Refusal.Invalid("password", problem);
        return CheckChange(new UserChange(Category: input.Category));
    }

    private static Refusal? CheckChange(UserChange change)
    {
        if (change.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 128 || name.Any(char.IsControl)))
            return Refusal.Invalid("name", "1 to 128 characters, no control characters.");
        if (change.Role is { } role && !AllRoles.Contains(role)) return Refusal.NotOneOf("role", AllRoles);
        if (change.Category is { } category && (category.Trim().Length > 64 || category.Any(char.IsControl)))
            return Refusal.Invalid("category", "At most 64 characters, no control characters (empty: none).");
        if (change.Departments is { Count: > MaxDepartments }) return Refusal.Invalid("departments", "At most 20 department ids (positive integers).");
        return null;
    }

    private Task<UserAccount?> FindAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.WithUserId(userId).SingleOrDefaultAsync(cancellationToken);
}
