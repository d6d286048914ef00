using BenchmarkDotNet.Attributes;
using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Bench.Micro;

/// <summary>What the state machine costs per request: building it (or renting it from the pool) and one transition.</summary>
[MemoryDiagnoser]
public class MachineBenchmarks
{
    private static readonly LoginConditions Conditions = new(WeComConfigured: false, PasswordFallbackEnabled: true, DateTimeOffset.UnixEpoch);
    private static readonly StageDecision ToIssued = new(LoginState.Issued, EnrolOtpRequired: false, Reason: null);

    private static LoginFlow NewFlow() =>
        new() { Id = "bench", CreatedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch.AddMinutes(10), MaxAttempts = 5 };

    [Benchmark(Description = "build the machine for a flow")]
    public LoginMachine Build() => new(NewFlow(), Conditions);

    [Benchmark(Description = "build + Credentials → PasswordFallback → Issued")]
    public LoginState PasswordLogin()
    {
        var flow = NewFlow();
        var machine = new LoginMachine(flow, Conditions);
        machine.Fire(LoginTrigger.SubmitPassword);
        machine.VerifyPassword(ToIssued);
        return flow.State;
    }

    [Benchmark(Description = "offered actions of a flow")]
    public int OfferedActions() => new LoginMachine(NewFlow(), Conditions).OfferedActions.Count;

    private readonly LoginMachinePool _pool = new();

    [Benchmark(Description = "offered actions, the machine from the pool")]
    public int OfferedActionsPooled()
    {
        var machine = _pool.Rent(NewFlow(), Conditions);
        var offered = machine.OfferedActions.Count;
        _pool.Return(machine);
        return offered;
    }
}
