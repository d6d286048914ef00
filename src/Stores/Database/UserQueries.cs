using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Stores.Database;

/// <summary>The one way a user row is found by id: case-insensitively, through the unique normalized column.</summary>
public static class UserQueries
{
    public static IQueryable<UserAccount> WithUserId(this IQueryable<UserAccount> users, string userId)
    {
        var normalized = UserIds.Canonical(userId);
        return users.Where(u => u.NormalizedUserId == normalized);
    }

    /// <summary>The user of this id, read only, unless disabled (what an app's sign-in and its tokens may describe).</summary>
    public static Task<UserAccount?> FindEnabledAsync(this IQueryable<UserAccount> users, string userId, CancellationToken cancellationToken) =>
        users.AsNoTracking().WithUserId(userId).SingleOrDefaultAsync(u => !u.Disabled, cancellationToken);

    /// <summary>Whether an enabled user other than <paramref name="exceptUserId"/> has this contact bound.</summary>
    public static Task<bool> HoldingContactAsync(
        this IQueryable<UserAccount> users, string? exceptUserId, string channel, string target, CancellationToken cancellationToken)
    {
        var except = exceptUserId is null ? null : UserIds.Canonical(exceptUserId);
        var holders = users.Where(u => !u.Disabled && u.NormalizedUserId != except);
        return (channel == Channels.Email ? holders.Where(u => u.Email == target) : holders.Where(u => u.Mobile == target))
            .AnyAsync(cancellationToken);
    }

    /// <summary>An enabled user, tracked, for an account operation; null when unknown or disabled.</summary>
    public static Task<UserAccount?> FindEnabledAsync(this DbSet<UserAccount> users, string userId, CancellationToken cancellationToken) =>
        users.WithUserId(userId).Where(u => !u.Disabled).SingleOrDefaultAsync(cancellationToken);
}
