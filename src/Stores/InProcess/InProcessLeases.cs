namespace LoginOrchestrator.Stores.InProcess;

/// <summary>
/// Per-key exclusive leases in one process: one semaphore per key, made on first use and dropped when the last request
/// holding or awaiting it is done, so made-up keys cost no memory.
/// </summary>
public sealed class InProcessLeases
{
    private readonly Dictionary<string, LeaseEntry> _leases = [];
    private readonly Lock _gate = new();

    /// <summary>Leases held or awaited now.</summary>
    public int Count
    {
        get { lock (_gate) return _leases.Count; }
    }

    /// <summary>Whether a request holds or awaits the key's lease now.</summary>
    public bool IsHeld(string key)
    {
        lock (_gate) return _leases.ContainsKey(key);
    }

    /// <summary>Null when another request kept the lease past <paramref name="wait"/>.</summary>
    public async Task<IAsyncDisposable?> TakeAsync(string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        LeaseEntry entry;
        lock (_gate)
        {
            if (!_leases.TryGetValue(key, out entry!)) _leases[key] = entry = new LeaseEntry();
            entry.Users++;
        }
        var acquired = false;
        try
        {
            acquired = await entry.Semaphore.WaitAsync(wait, cancellationToken);
            return acquired ? new Lease(this, key, entry) : null;
        }
        finally
        {
            if (!acquired) Leave(key, entry);
        }
    }

    private void Leave(string key, LeaseEntry entry)
    {
        lock (_gate)
            if (--entry.Users == 0) _leases.Remove(key);
    }

    private sealed class LeaseEntry
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
    }

    private sealed class Lease(InProcessLeases leases, string key, LeaseEntry entry) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            entry.Semaphore.Release();
            leases.Leave(key, entry);
            return ValueTask.CompletedTask;
        }
    }
}
