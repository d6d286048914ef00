using LoginOrchestrator.Orchestrator.Recovery;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Where recovery flows live between requests; each is kept until <see cref="IFlowStore.Retention"/> past its expiry.</summary>
public interface IRecoveryFlowStore
{
    Task CreateAsync(RecoveryFlow flow, CancellationToken cancellationToken);

    Task<RecoveryFlow?> FindAsync(string flowId, CancellationToken cancellationToken);

    Task SaveAsync(RecoveryFlow flow, CancellationToken cancellationToken);

    /// <summary>The flow's exclusive lease for one request; null when another request still holds it after <paramref name="wait"/>.</summary>
    Task<IAsyncDisposable?> LockAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken);
}
