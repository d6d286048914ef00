using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Stores.Sessions;

/// <summary>
/// An agent's desk status follows their sessions: online at a login (a busy agent stays busy), offline once their last
/// session has ended — at a logout or revocation at once, at an expiry with the next clean-up (every 5 minutes).
/// Busy and offline remain the agent's own to set in between. Best effort: a status is no security decision.
/// </summary>
public sealed class AgentPresence(IServiceScopeFactory scopes, ISessionStore sessions, TimeProvider time, ILogger<AgentPresence> logger) : IExpiringStore
{
    public string Name => "agents set offline";

    public Task SignedInAsync(string userId, CancellationToken cancellationToken) => SetAsync(userId, AgentStatus.Online, onlyFrom: AgentStatus.Offline, cancellationToken);

    /// <summary>A session ended: offline when it was the user's last live one.</summary>
    public async Task SessionEndedAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            if (await HasLiveSessionAsync(userId, cancellationToken)) return;
        }
        catch (Exception e) when (DependencyFailure.Is(e))
        {
            logger.LogWarning("The status of {UserId} stays as it is for now ({Error}); the clean-up sets it", userId, e.GetBaseException().Message);
            return;
        }
        await SetAsync(userId, AgentStatus.Offline, onlyFrom: null, cancellationToken);
    }

    /// <summary>The clean-up's part: everyone shown online or busy without a live session goes offline.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        var shown = await db.Users.AsNoTracking().Where(u => u.Status != AgentStatus.Offline).Select(u => u.NormalizedUserId).ToListAsync(cancellationToken);
        var gone = new List<string>();
        foreach (var userId in shown)
            if (!await HasLiveSessionAsync(userId, cancellationToken)) gone.Add(userId);
        if (gone.Count == 0) return 0;
        return await db.Users.Where(u => gone.Contains(u.NormalizedUserId) && u.Status != AgentStatus.Offline)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AgentStatus.Offline), cancellationToken);
    }

    private async Task<bool> HasLiveSessionAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await sessions.ListUserAsync(userId, cancellationToken)).Any(s => s.IsLiveAt(now));
    }

    private async Task SetAsync(string userId, string status, string? onlyFrom, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var normalized = UserIds.Canonical(userId);
            var users = scope.ServiceProvider.GetRequiredService<LoginDbContext>().Users.Where(u => u.NormalizedUserId == normalized && u.Status != status);
            if (onlyFrom is not null) users = users.Where(u => u.Status == onlyFrom);
            await users.ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, status), cancellationToken);
        }
        catch (Exception e) when (DependencyFailure.Is(e))
        {
            logger.LogWarning("The status of {UserId} could not be set to {Status} now ({Error})", userId, status, e.GetBaseException().Message);
        }
    }
}
