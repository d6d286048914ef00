using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Stores.Database;

/// <summary>The login's view of the user table.</summary>
public sealed class UserAccounts(LoginDbContext db, TotpSecretProtector secrets, ILoginPolicySource policy, TimeProvider time) : IUserAccounts
{
    /// <summary>Compiled once: every login reads its user by id, and the query's translation need not be looked up each time.</summary>
    private static readonly CompiledQueries<Func<LoginDbContext, string, CancellationToken, Task<UserAccount?>>> UserById = new(() =>
        EF.CompileAsyncQuery((LoginDbContext db, string normalized, CancellationToken _) =>
            db.Users.AsNoTracking().SingleOrDefault(u => u.NormalizedUserId == normalized)));

    public async Task<LoginAccount?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        if (!UserIds.IsAllowed(normalized)) return null;
        var user = await UserById.For(db)(db, normalized, cancellationToken);
        return user is null ? null : new LoginAccount(ToLoginUser(user), user.PasswordHash);
    }

    public async Task<TotpAccount?> FindWithTotpSecretAsync(string userId, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        if (!UserIds.IsAllowed(normalized)) return null;
        var user = await UserById.For(db)(db, normalized, cancellationToken);
        if (user is null) return null;
        return new TotpAccount(ToLoginUser(user), user is { TotpEnabled: true, ProtectedTotpSecret: { } secret } ? secrets.Unprotect(secret) : null);
    }

    public async Task<byte[]?> GetTotpSecretAsync(string userId, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var secret = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserId == normalized && u.TotpEnabled)
            .Select(u => u.ProtectedTotpSecret)
            .SingleOrDefaultAsync(cancellationToken);
        return secret is null ? null : secrets.Unprotect(secret);
    }

    public Task<bool> IsContactTakenAsync(string userId, string channel, string target, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().HoldingContactAsync(userId, channel, target, cancellationToken);

    public async Task BindContactAsync(string userId, string channel, string target, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var now = time.GetUtcNow();
        var updated = channel switch
        {
            Channels.Email => await db.Users.Where(u => u.NormalizedUserId == normalized)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, target).SetProperty(u => u.EmailVerified, true).SetProperty(u => u.UpdatedAt, now), cancellationToken),
            Channels.Sms => await db.Users.Where(u => u.NormalizedUserId == normalized)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Mobile, target).SetProperty(u => u.MobileVerified, true).SetProperty(u => u.UpdatedAt, now), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Only email and sms contacts are bound."),
        };
        if (updated != 1) throw new InvalidOperationException($"User {userId} vanished while binding a contact.");
    }

    public async Task ConfirmContactAsync(string userId, string channel, string target, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var mine = db.Users.Where(u => u.NormalizedUserId == normalized);
        _ = channel switch
        {
            Channels.Email => await mine.Where(u => u.Email == target && !u.EmailVerified)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailVerified, true), cancellationToken),
            Channels.Sms => await mine.Where(u => u.Mobile == target && !u.MobileVerified)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.MobileVerified, true), cancellationToken),
            _ => 0,
        };
    }

    public async Task<bool> SetPasswordAsync(string userId, string passwordHash, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var now = time.GetUtcNow();
        return await db.Users.Where(u => u.NormalizedUserId == normalized && !u.Disabled)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, passwordHash).SetProperty(u => u.UpdatedAt, now)
                .SetProperty(u => u.SessionEpoch, u => u.SessionEpoch + 1), cancellationToken) == 1;
    }

    public async Task<LoginAccount?> SyncFromDirectoryAsync(DirectoryUser member, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(member.UserId);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserId == normalized, cancellationToken);
        if (user is null) return null;
        user.Name = member.Name;
        user.Departments = string.Join(',', member.Departments);
        // A contact the user bound stays theirs; the directory only fills what is missing, and not with another's.
        if (user.Email is null && await UnheldAsync(member.UserId, Channels.Email, member.Email, cancellationToken) is { } email)
            (user.Email, user.EmailVerified) = (email, true);
        if (user.Mobile is null && await UnheldAsync(member.UserId, Channels.Sms, member.Mobile, cancellationToken) is { } mobile)
            (user.Mobile, user.MobileVerified) = (mobile, true);
        user.DirectoryDepartedAt = null;
        user.FromDirectory = true;
        if (db.ChangeTracker.HasChanges())
        {
            user.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        return new LoginAccount(ToLoginUser(user), user.PasswordHash);
    }

    public async Task MarkDepartedAsync(string userId, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var now = time.GetUtcNow();
        await db.Users.Where(u => u.NormalizedUserId == normalized && u.DirectoryDepartedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DirectoryDepartedAt, now).SetProperty(u => u.UpdatedAt, now)
                .SetProperty(u => u.SessionEpoch, u => u.SessionEpoch + 1), cancellationToken);
    }

    public async Task<LoginAccount> ProvisionAsync(DirectoryUser member, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = new UserAccount
        {
            UserId = member.UserId,
            NormalizedUserId = UserIds.Canonical(member.UserId),
            Name = member.Name,
            Role = Roles.Agent,
            Email = await UnheldAsync(member.UserId, Channels.Email, member.Email, cancellationToken),
            Mobile = await UnheldAsync(member.UserId, Channels.Sms, member.Mobile, cancellationToken),
            Departments = string.Join(',', member.Departments),
            FromDirectory = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        (user.EmailVerified, user.MobileVerified) = (user.Email is not null, user.Mobile is not null);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return new LoginAccount(ToLoginUser(user), null);
    }

    /// <summary>The directory's contact, unless another active user holds it (and sharing is off).</summary>
    private async Task<string?> UnheldAsync(string userId, string channel, string? contact, CancellationToken cancellationToken)
    {
        if (contact is null || (await policy.GetAsync(cancellationToken)).SharedContactsAllowed) return contact;
        return await db.Users.AsNoTracking().HoldingContactAsync(userId, channel, contact, cancellationToken) ? null : contact;
    }

    private static LoginUser ToLoginUser(UserAccount user) => new()
    {
        UserId = user.NormalizedUserId,
        Name = user.Name,
        Role = user.Role,
        Disabled = user.Disabled,
        LeftDirectory = user.DirectoryDepartedAt is not null,
        SessionEpoch = user.SessionEpoch,
        HasPassword = user.PasswordHash is not null,
        TotpEnabled = user.TotpEnabled && user.ProtectedTotpSecret is not null,
        Email = user.Email,
        Mobile = user.Mobile,
        EmailVerified = user.EmailVerified,
        MobileVerified = user.MobileVerified,
        Category = user.Category,
        Departments = user.Departments.Split(',', StringSplitOptions.RemoveEmptyEntries),
        Language = user.Language,
    };
}
