using System.Collections.Concurrent;
using System.Text.Json;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>
/// The embedded default's flow store. Flows are kept as JSON copies, like the Redis store will keep
/// them, so a request changes a flow only by saving it. A flow's lease is an <see cref="InProcessLeases"/> entry, taken only for a flow that exists.
/// </summary>
public sealed class InMemoryFlowStore(TimeProvider time, IOutboxHandler outboxHandler) : IFlowStore, IExpiredFlowSource
{
    private readonly ConcurrentDictionary<string, StoredFlow> _flows = new();
    private readonly InProcessLeases _leases = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Guid Sweep)> _claims = new();

    public Task CreateAsync(LoginFlow flow, CancellationToken cancellationToken)
    {
        if (!_flows.TryAdd(flow.Id, Store(flow))) throw new InvalidOperationException("Flow id collision.");
        return Task.CompletedTask;
    }

    public Task<LoginFlow?> FindAsync(string flowId, CancellationToken cancellationToken) =>
        Task.FromResult(_flows.TryGetValue(flowId, out var stored) && time.GetUtcNow() < stored.DiesAt
            ? JsonSerializer.Deserialize<LoginFlow>(stored.Json)
            : null);

    public Task SaveAsync(LoginFlow flow, CancellationToken cancellationToken)
    {
        _flows[flow.Id] = Store(flow);
        return Task.CompletedTask;
    }

    /// <summary>Leases held or awaited now: zero when no request is on a flow.</summary>
    public int LeaseCount => _leases.Count;

    /// <summary>Null when the flow does not exist (the caller finds no flow) or another request kept it past the wait.</summary>
    public async Task<IAsyncDisposable?> LockAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken) =>
        _flows.ContainsKey(flowId) ? await _leases.TakeAsync(flowId, wait, cancellationToken) : null;

    public async Task<IFlowLease> TakeAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var waited = _leases.IsHeld(flowId);
        var lease = await LockAsync(flowId, wait, cancellationToken);
        return new InMemoryFlowLease(this, outboxHandler, lease, await FindAsync(flowId, cancellationToken), waited);
    }

    public Task<IReadOnlyList<LoginFlow>> ClaimExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var claimed = new List<LoginFlow>();
        var sweep = Guid.NewGuid();
        foreach (var (id, stored) in _flows)
        {
            if (claimed.Count == batchSize) break;
            if (now < stored.DiesAt) continue;
            // A claim is this sweep's unless another took it less than a claim's lifetime ago.
            var mine = _claims.AddOrUpdate(id, (now, sweep), (_, claim) => now - claim.At >= IExpiredFlowSource.ClaimLifetime ? (now, sweep) : claim).Sweep == sweep;
            if (mine) claimed.Add(JsonSerializer.Deserialize<LoginFlow>(stored.Json)!);
        }
        return Task.FromResult<IReadOnlyList<LoginFlow>>(claimed);
    }

    public Task ForgetAsync(IReadOnlyCollection<string> flowIds, CancellationToken cancellationToken)
    {
        foreach (var id in flowIds)
        {
            _flows.TryRemove(id, out _);
            _claims.TryRemove(id, out _);
        }
        return Task.CompletedTask;
    }

    private static StoredFlow Store(LoginFlow flow) => new(JsonSerializer.Serialize(flow), flow.ExpiresAt + IFlowStore.Retention);

    private sealed record StoredFlow(string Json, DateTimeOffset DiesAt);
}
