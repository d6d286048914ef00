using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// For the clean-up job: flows whose retention has passed. A batch is claimed (no other sweep gets it), recorded by
/// the caller, then forgotten. A claim never forgotten (its sweep died) is handed out again after
/// <see cref="ClaimLifetime"/>: a crash can cost a duplicate audit record, never a missing one.
/// </summary>
public interface IExpiredFlowSource
{
    static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    Task<IReadOnlyList<LoginFlow>> ClaimExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);

    Task ForgetAsync(IReadOnlyCollection<string> flowIds, CancellationToken cancellationToken);
}
