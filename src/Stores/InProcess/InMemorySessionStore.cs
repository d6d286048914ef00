using System.Collections.Concurrent;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>The embedded default's session store (one process).</summary>
public sealed class InMemorySessionStore(TimeProvider time) : ISessionStore
{
    private readonly ConcurrentDictionary<string, SessionRecord> _sessions = new();

    public Task CreateAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        _sessions[session.TokenHash] = session;
        return Task.CompletedTask;
    }

    public Task<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        Task.FromResult(_sessions.TryGetValue(tokenHash, out var session) && session.IsLiveAt(time.GetUtcNow()) ? session : null);

    public Task TouchAsync(SessionRecord session, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(session.TokenHash, stored => stored with { LastSeenAt = now }, cancellationToken);

    public Task ChangeAsync(string tokenHash, Func<SessionRecord, SessionRecord> change, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(tokenHash, out var session))
            _sessions.TryUpdate(tokenHash, change(session), session);
        return Task.CompletedTask;
    }

    public Task RevokeAsync(string tokenHash, CancellationToken cancellationToken)
    {
        _sessions.TryRemove(tokenHash, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SessionRecord>> ListUserAsync(string userId, CancellationToken cancellationToken)
    {
        var canonical = UserIds.Canonical(userId);
        return Task.FromResult<IReadOnlyList<SessionRecord>>([.. _sessions.Values.Where(s => UserIds.Canonical(s.UserId) == canonical)]);
    }

    public Task<int> RevokeUserAsync(string userId, string? keepTokenHash, CancellationToken cancellationToken)
    {
        var canonical = UserIds.Canonical(userId);
        var revoked = 0;
        foreach (var (hash, session) in _sessions)
            if (hash != keepTokenHash && UserIds.Canonical(session.UserId) == canonical && _sessions.TryRemove(hash, out _))
                revoked++;
        return Task.FromResult(revoked);
    }

    /// <summary>Removes sessions past their absolute or idle end; returns how many.</summary>
    public int Purge()
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var (hash, session) in _sessions)
            if (!session.IsLiveAt(now) && _sessions.TryRemove(hash, out _)) removed++;
        return removed;
    }
}
