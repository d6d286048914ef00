using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Orchestrator.Recovery;

/// <summary>One request's view of a recovery: the record, its machine and the policy read once for it.</summary>
public sealed record RecoveryContext(
    RecoveryFlow Flow,
    RecoveryMachine Machine,
    LoginPolicy Policy,
    ClientInfo Client,
    DateTimeOffset Now,
    CancellationToken CancellationToken);
