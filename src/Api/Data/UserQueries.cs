using LoginOrchestrator.Orchestrator.Policy;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Data;

/// <summary>The one way a user row is found by id: case-insensitively, through the unique normalized column.</summary>
public static class UserQueries
{
    public static IQueryable<UserAccount> WithUserId(this IQueryable<UserAccount> users, string userId)
    {
        var normalized = UserIds.Canonical(userId);
        return users.Where(u => u.NormalizedUserId == normalized);
    }

    /// <summary>An enabled user, tracked, for an account operation; null when unknown or disabled.</summary>
    public static Task<UserAccount?> FindEnabledAsync(this DbSet<UserAccount> users, string userId, CancellationToken cancellationToken) =>
        users.WithUserId(userId).Where(u => !u.Disabled).SingleOrDefaultAsync(cancellationToken);
}
