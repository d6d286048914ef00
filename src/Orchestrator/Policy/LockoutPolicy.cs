namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>Settings <c>lockout.*</c>: when an account locks and for how long.</summary>
public sealed record LockoutPolicy(int MaxFailures = 5, int WaitIncrementSeconds = 60, int MaxWaitSeconds = 900)
{
    /// <summary>Counters forget a user this long after their last wrong answer (Keycloak's failure reset time).</summary>
    public static TimeSpan FailureMemory { get; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The wait after the <paramref name="failures"/>-th wrong answer, or null when it does not lock:
    /// every <see cref="MaxFailures"/>-th answer locks, each lock-out one increment longer than the last, capped.
    /// </summary>
    public TimeSpan? WaitAfter(long failures)
    {
        if (failures <= 0 || failures % MaxFailures != 0) return null;
        var seconds = Math.Min((long)WaitIncrementSeconds * (failures / MaxFailures), MaxWaitSeconds);
        return TimeSpan.FromSeconds(seconds);
    }
}
