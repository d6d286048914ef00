using LoginOrchestrator.Orchestrator.Recovery;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>One terminal outcome of a recovery (in the login audit, outcome <c>Recovery&lt;State&gt;</c>).</summary>
/// <param name="UserId">The account once proven, else the id asked for.</param>
public sealed record RecoveryAuditEntry(
    string FlowId, string? UserId, RecoveryState Outcome, string? Reason, string? StartedBy, string? ClientIp, string? UserAgent, DateTimeOffset At);

public interface IRecoveryAudit
{
    Task RecordAsync(RecoveryAuditEntry entry, CancellationToken cancellationToken);
}
