using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Where flows live between requests.</summary>
public interface IFlowStore
{
    /// <summary>How long a flow stays readable after it expired or ended, so its last GET still answers.</summary>
    static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    Task CreateAsync(LoginFlow flow, CancellationToken cancellationToken);

    Task<LoginFlow?> FindAsync(string flowId, CancellationToken cancellationToken);

    Task SaveAsync(LoginFlow flow, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the flow's exclusive lease for one request, so two requests racing on a flow never both
    /// act on it. Null when another request still holds it after <paramref name="wait"/>.
    /// </summary>
    Task<IAsyncDisposable?> LockAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="LockAsync"/> and <see cref="FindAsync"/> together, for a request that will change the flow: in Redis
    /// one script (the lease only for a flow that exists), so a step starts with one round trip, not two.
    /// </summary>
    Task<IFlowLease> TakeAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken);
}
