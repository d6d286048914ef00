using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>One terminal outcome of a login.</summary>
public sealed record LoginAuditEntry(
    string FlowId,
    string? UserId,
    LoginState Outcome,
    IReadOnlyList<LoginFactor> Factors,
    bool Degraded,
    string? Reason,
    string? ClientIp,
    string? UserAgent,
    DateTimeOffset At);

public interface ILoginAudit
{
    Task RecordAsync(LoginAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Many outcomes in one write (the clean-up's batches).</summary>
    Task RecordAllAsync(IReadOnlyCollection<LoginAuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>Many outcomes in one write, leaving out each flow whose outcome is already recorded (an outbox drained twice).</summary>
    Task RecordOnceAsync(IReadOnlyCollection<LoginAuditEntry> entries, CancellationToken cancellationToken);
}
