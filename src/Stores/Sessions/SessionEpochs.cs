using System.Collections.Concurrent;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Stores.Sessions;

/// <summary>
/// Each user's session epoch as the database holds it, read at most every few seconds per user and instance. A session
/// is good only while its epoch is not below its user's and the user is enabled: a revocation that did not reach the
/// session store (Redis failed after the change committed) still takes effect, within <see cref="MaxAge"/>.
/// </summary>
public sealed class SessionEpochs(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (int? Epoch, DateTimeOffset ReadAt)> _read = new();

    /// <summary>The user's epoch; null when the user is gone or disabled.</summary>
    public async Task<int?> CurrentAsync(string userId, CancellationToken cancellationToken)
    {
        var key = UserIds.Canonical(userId);
        var now = time.GetUtcNow();
        if (_read.TryGetValue(key, out var cached) && now - cached.ReadAt < MaxAge) return cached.Epoch;
        await using var scope = scopes.CreateAsyncScope();
        var epoch = await scope.ServiceProvider.GetRequiredService<LoginDbContext>().Users.AsNoTracking()
            .Where(u => u.NormalizedUserId == key && !u.Disabled)
            .Select(u => (int?)u.SessionEpoch)
            .SingleOrDefaultAsync(cancellationToken);
        _read[key] = (epoch, now);
        return epoch;
    }

    /// <summary>This instance sees a change it made at once; others within <see cref="MaxAge"/>.</summary>
    public void Forget(string userId) => _read.TryRemove(UserIds.Canonical(userId), out _);
}
