using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>Per-user lock-out of the embedded default (one process), keyed on the canonical user id.</summary>
public sealed class InMemoryAccountLockout(TimeProvider time) : IAccountLockout
{
    private sealed class Entry
    {
        public readonly Dictionary<FailureKind, (long Count, DateTimeOffset LastAt)> Failures = [];
        public DateTimeOffset LockedUntil;
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<TimeSpan?> LockedForAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            TimeSpan? wait = _entries.TryGetValue(UserIds.Canonical(userId), out var entry) && entry.LockedUntil > now ? entry.LockedUntil - now : null;
            return Task.FromResult(wait);
        }
    }

    public Task<TimeSpan?> RecordFailureAsync(string userId, FailureKind kind, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            ForgetStale(now);
            var key = UserIds.Canonical(userId);
            if (!_entries.TryGetValue(key, out var entry)) _entries[key] = entry = new Entry();
            var count = entry.Failures.GetValueOrDefault(kind).Count + 1;
            entry.Failures[kind] = (count, now);
            var wait = policy.WaitAfter(count);
            if (wait is not null) entry.LockedUntil = now + wait.Value;
            return Task.FromResult(wait);
        }
    }

    public Task ResetAsync(string userId, FailureKind kind, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(UserIds.Canonical(userId), out var entry)) entry.Failures.Remove(kind);
        }
        return Task.CompletedTask;
    }

    public Task UnlockAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_gate) _entries.Remove(UserIds.Canonical(userId));
        return Task.CompletedTask;
    }

    /// <summary>Counters are forgotten after the failure memory, as Redis keys expire.</summary>
    private void ForgetStale(DateTimeOffset now)
    {
        foreach (var (userId, entry) in _entries.ToList())
        {
            foreach (var (kind, failure) in entry.Failures.ToList())
                if (now - failure.LastAt >= LockoutPolicy.FailureMemory) entry.Failures.Remove(kind);
            if (entry.Failures.Count == 0 && entry.LockedUntil <= now) _entries.Remove(userId);
        }
    }
}
