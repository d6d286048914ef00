using System.Collections.Concurrent;
using System.Text.Json;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>
/// The embedded default's recovery flows, kept as JSON copies until their retention ends. Recoveries are rare: each new
/// one drops those past their time, so nothing else has to sweep them.
/// </summary>
public sealed class InMemoryRecoveryFlowStore(TimeProvider time) : IRecoveryFlowStore
{
    private readonly ConcurrentDictionary<string, (string Json, DateTimeOffset DiesAt)> _flows = new();
    private readonly InProcessLeases _leases = new();

    public Task CreateAsync(RecoveryFlow flow, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (id, stored) in _flows)
            if (now >= stored.DiesAt) _flows.TryRemove(id, out _);
        if (!_flows.TryAdd(flow.Id, Store(flow))) throw new InvalidOperationException("Flow id collision.");
        return Task.CompletedTask;
    }

    public Task<RecoveryFlow?> FindAsync(string flowId, CancellationToken cancellationToken) =>
        Task.FromResult(_flows.TryGetValue(flowId, out var stored) && time.GetUtcNow() < stored.DiesAt
            ? JsonSerializer.Deserialize<RecoveryFlow>(stored.Json)
            : null);

    public Task SaveAsync(RecoveryFlow flow, CancellationToken cancellationToken)
    {
        _flows[flow.Id] = Store(flow);
        return Task.CompletedTask;
    }

    public async Task<IAsyncDisposable?> LockAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken) =>
        _flows.ContainsKey(flowId) ? await _leases.TakeAsync(flowId, wait, cancellationToken) : null;

    private static (string, DateTimeOffset) Store(RecoveryFlow flow) => (JsonSerializer.Serialize(flow), flow.ExpiresAt + IFlowStore.Retention);
}
