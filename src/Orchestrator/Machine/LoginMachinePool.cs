using System.Collections.Concurrent;

namespace LoginOrchestrator.Orchestrator.Machine;

/// <summary>
/// Machines kept between requests: Stateless builds its tables per machine (11 µs and 21 KB, docs/performance.md
/// measure 6) while only the flow and the request's conditions differ. A rented machine is one request's until returned.
/// </summary>
public sealed class LoginMachinePool
{
    /// <summary>The process's pool, which the engine rents from.</summary>
    public static LoginMachinePool Shared { get; } = new();

    /// <summary>About the requests two cores have in flight at once; more are built, and dropped when returned.</summary>
    private const int Kept = 256;

    private readonly ConcurrentQueue<LoginMachine> _idle = new();
    private int _idleCount;

    public LoginMachine Rent(LoginFlow flow, LoginConditions conditions)
    {
        if (!_idle.TryDequeue(out var machine)) return new LoginMachine(flow, conditions);
        Interlocked.Decrement(ref _idleCount);
        machine.Reset(flow, conditions);
        return machine;
    }

    public void Return(LoginMachine machine)
    {
        machine.Release();
        if (Interlocked.Increment(ref _idleCount) <= Kept) _idle.Enqueue(machine);
        else Interlocked.Decrement(ref _idleCount);
    }
}
