using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace LoginOrchestrator.Stores.Oidc;

/// <summary>
/// Saving a record the OpenIddict way: a write that raced another (two redemptions of one refresh token, say) fails
/// with OpenIddict's concurrency error, which its managers turn into a refusal, never into two successes.
/// </summary>
internal static class OidcStoreWrites
{
    public static async ValueTask SaveAsync(LoginDbContext db, object record, Action<string> renewToken, CancellationToken cancellationToken)
    {
        renewToken(Guid.NewGuid().ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            db.Entry(record).State = EntityState.Detached;
            throw new OpenIddictExceptions.ConcurrencyException("The record was changed by another request since it was read.", e);
        }
    }

    public static async ValueTask DeleteAsync(LoginDbContext db, object record, CancellationToken cancellationToken)
    {
        db.Remove(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            db.Entry(record).State = EntityState.Detached;
            throw new OpenIddictExceptions.ConcurrencyException("The record was changed or removed by another request since it was read.", e);
        }
    }

    /// <summary>A setter: OpenIddict's managers set fields one by one, then save once.</summary>
    public static ValueTask Set(Action change)
    {
        change();
        return ValueTask.CompletedTask;
    }

    public static IAsyncEnumerable<T> Page<T>(IQueryable<T> ordered, int? count, int? offset)
    {
        if (offset is { } skip) ordered = ordered.Skip(skip);
        if (count is { } take) ordered = ordered.Take(take);
        return ordered.AsAsyncEnumerable();
    }
}
