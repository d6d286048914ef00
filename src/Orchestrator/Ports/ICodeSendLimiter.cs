namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Whether one more code may be sent; when not, how long until it may and which cap refused (<see cref="RateLimitKinds"/>).</summary>
public sealed record SendAllowance(bool Allowed, TimeSpan RetryAfter, string? Limit = null)
{
    public static SendAllowance Granted { get; } = new(true, TimeSpan.Zero);
}

/// <summary>Daily caps on codes sent per user, per target and per client IP (SMS pumping, mail bombing).</summary>
public interface ICodeSendLimiter
{
    /// <summary>Counts one send against every cap, or none when any cap is reached.</summary>
    Task<SendAllowance> TryAcquireAsync(string userId, string target, string? clientIp, CancellationToken cancellationToken);

    /// <summary>
    /// Today's counts of the user and of their own targets start again (an admin's unlock); an address's count stays,
    /// since an address is nobody's own.
    /// </summary>
    Task ResetAsync(string userId, IEnumerable<string> targets, CancellationToken cancellationToken);
}
