using System.Collections.Concurrent;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>The embedded default's delivery records (one process).</summary>
public sealed class InMemoryDeliveryStore(TimeProvider time) : IDeliveryStore, IExpiringStore
{
    private readonly ConcurrentDictionary<string, DeliveryRecord> _records = new();
    private readonly ConcurrentDictionary<(string, int), (DateTimeOffset Until, Guid By)> _attempts = new();

    public string Name => "deliveries";

    public Task CreateAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        _records[record.Id] = record;
        return Task.CompletedTask;
    }

    public Task<DeliveryRecord?> FindAsync(string deliveryId, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryGetValue(deliveryId, out var record) ? record : null);

    public Task UpdateAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        _records[record.Id] = record;
        return Task.CompletedTask;
    }

    public Task<bool> TryClaimAttemptAsync(string deliveryId, int attempt, TimeSpan hold, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claim = (now + hold, Guid.NewGuid());
        var held = _attempts.AddOrUpdate((deliveryId, attempt), claim, (_, other) => other.Until <= now ? claim : other);
        // Ours when the entry now holds our claim; a live claim of another job keeps its own.
        return Task.FromResult(held == claim);
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var (id, record) in _records)
        {
            if (now >= record.CodeExpiresAt + IDeliveryStore.Retention && _records.TryRemove(id, out _))
            {
                removed++;
                foreach (var claimed in _attempts.Keys.Where(key => key.Item1 == id)) _attempts.TryRemove(claimed, out _);
            }
            // The message dies with the code even while the record is kept.
            else if (now >= record.CodeExpiresAt && record.ProtectedMessage is not null)
                _records.TryUpdate(id, record with { ProtectedMessage = null }, record);
        }
        return Task.FromResult(removed);
    }
}
