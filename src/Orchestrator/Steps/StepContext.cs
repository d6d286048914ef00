using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Orchestrator.Steps;

/// <summary>One request's view of a flow: the record, its machine and what was read for it (the policy once).</summary>
public sealed record StepContext(
    LoginFlow Flow,
    LoginMachine Machine,
    LoginPolicy Policy,
    ClientInfo Client,
    DateTimeOffset Now,
    CancellationToken CancellationToken)
{
    /// <summary>What is written with the flow's save, in its round trip.</summary>
    public FlowWrites Writes { get; } = new();
}
