using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// One request's hold on a flow, taken with the flow's read in one round trip (<see cref="IFlowStore.TakeAsync"/>) and
/// ended with its save in one more. Disposing without saving releases it.
/// </summary>
public interface IFlowLease : IAsyncDisposable
{
    /// <summary>False when the flow does not exist or another request kept it past the wait.</summary>
    bool Held { get; }

    /// <summary>The flow as stored when the lease was taken (or, not held, when it was last read); null when there is none.</summary>
    LoginFlow? Flow { get; }

    /// <summary>Another request held the flow first: what was read beside the lease's first attempt is stale.</summary>
    bool Waited { get; }

    /// <summary>
    /// A lock of the user the flow acts for, as copied to the flow when the account locked (read with the flow); null
    /// when none was. Meaningful only for a flow whose user's lock is watched (<see cref="LockCheck.Watching"/>).
    /// </summary>
    UserLock? UserLock { get; }

    /// <summary>Saves the flow with its outbox messages and ends the lease, together.</summary>
    Task SaveAndReleaseAsync(LoginFlow flow, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken);
}

/// <summary>A lock of <paramref name="UserId"/>'s account, until <paramref name="Until"/>.</summary>
public sealed record UserLock(string UserId, DateTimeOffset Until);
