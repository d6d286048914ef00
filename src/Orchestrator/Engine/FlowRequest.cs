using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>One request's view of a flow: the record, its machine and what was read for it.</summary>
internal sealed record FlowRequest(
    LoginFlow Flow,
    LoginMachine Machine,
    LoginPolicy Policy,
    ClientInfo Client,
    DateTimeOffset Now,
    CancellationToken CancellationToken);
