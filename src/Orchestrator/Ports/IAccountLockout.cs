using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>What a wrong answer counts against: passwords and second factors are counted apart.</summary>
public enum FailureKind { Password, SecondFactor }

/// <param name="Wait">How long the account stays locked; null when it is not.</param>
/// <param name="Watching">From now on a lock of the account is also written where the flow's own read sees it
/// (<see cref="IFlowLease.UserLock"/>), so later requests on the flow need not ask again.</param>
public sealed record LockCheck(TimeSpan? Wait, bool Watching);

/// <summary>
/// Per-user brute-force detection across flows (Keycloak's model): every <c>MaxFailures</c>-th wrong answer
/// of one kind locks the account for a growing wait. Shared by instances when it lives in Redis.
/// </summary>
public interface IAccountLockout
{
    /// <summary>How long the account stays locked, or null when it is not locked.</summary>
    Task<TimeSpan?> LockedForAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="LockedForAsync"/> for a request on a login flow, which from then on acts for the user: a store that can
    /// copies every later lock of the account to the flow (Redis: into the flow's slot), atomically with this read.
    /// </summary>
    async Task<LockCheck> CheckForFlowAsync(string userId, string flowId, CancellationToken cancellationToken) =>
        new(await LockedForAsync(userId, cancellationToken), Watching: false);

    /// <summary>Counts one wrong answer; returns the wait when this answer locked the account.</summary>
    Task<TimeSpan?> RecordFailureAsync(string userId, FailureKind kind, LockoutPolicy policy, CancellationToken cancellationToken);

    /// <summary>A right answer of this kind: its counter starts again.</summary>
    Task ResetAsync(string userId, FailureKind kind, CancellationToken cancellationToken);

    /// <summary>An admin lifts the lock and clears both counters.</summary>
    Task UnlockAsync(string userId, CancellationToken cancellationToken);
}
