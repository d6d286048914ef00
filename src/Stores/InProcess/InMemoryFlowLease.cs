using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>The embedded store's lease and read: in process there is no round trip to save, so they stay two calls.</summary>
internal sealed class InMemoryFlowLease(IFlowStore store, IAsyncDisposable? lease, LoginFlow? flow, bool waited) : IFlowLease
{
    public bool Held => lease is not null;

    public LoginFlow? Flow => flow;

    public bool Waited => waited;

    /// <summary>Never copied in process: the lock-out is read directly (LockCheck.Watching is false).</summary>
    public UserLock? UserLock => null;

    public async Task SaveAndReleaseAsync(LoginFlow saved, CancellationToken cancellationToken)
    {
        await store.SaveAsync(saved, cancellationToken);
        await DisposeAsync();
    }

    public ValueTask DisposeAsync()
    {
        var held = Interlocked.Exchange(ref lease, null);
        return held?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
