using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>What a wrong answer counts against: passwords and second factors are counted apart.</summary>
public enum FailureKind { Password, SecondFactor }

/// <summary>
/// Per-user brute-force detection across flows (Keycloak's model): every <c>MaxFailures</c>-th wrong answer
/// of one kind locks the account for a growing wait. Shared by instances when it lives in Redis.
/// </summary>
public interface IAccountLockout
{
    /// <summary>How long the account stays locked, or null when it is not locked.</summary>
    Task<TimeSpan?> LockedForAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Counts one wrong answer; returns the wait when this answer locked the account.</summary>
    Task<TimeSpan?> RecordFailureAsync(string userId, FailureKind kind, LockoutPolicy policy, CancellationToken cancellationToken);

    /// <summary>A right answer of this kind: its counter starts again.</summary>
    Task ResetAsync(string userId, FailureKind kind, CancellationToken cancellationToken);

    /// <summary>An admin lifts the lock and clears both counters.</summary>
    Task UnlockAsync(string userId, CancellationToken cancellationToken);
}
