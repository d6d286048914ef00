using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>
/// The embedded store's lease and read: in process there is no round trip to save, so they stay two calls, and the
/// outbox is carried out at once, before the answer (nothing in one process outlives a crash that an outbox could keep).
/// </summary>
internal sealed class InMemoryFlowLease(IFlowStore store, IOutboxHandler outboxHandler, IAsyncDisposable? lease, LoginFlow? flow, bool waited) : IFlowLease
{
    public bool Held => lease is not null;

    public LoginFlow? Flow => flow;

    public bool Waited => waited;

    /// <summary>Never copied in process: the lock-out is read directly (LockCheck.Watching is false).</summary>
    public UserLock? UserLock => null;

    public async Task SaveAndReleaseAsync(LoginFlow saved, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        await store.SaveAsync(saved, cancellationToken);
        await DisposeAsync();
        if (outbox.Count > 0) await outboxHandler.HandleAsync(outbox, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        var held = Interlocked.Exchange(ref lease, null);
        return held?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
