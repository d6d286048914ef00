namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Whether one more code may be sent; when not, how long until it may.</summary>
public sealed record SendAllowance(bool Allowed, TimeSpan RetryAfter)
{
    public static SendAllowance Granted { get; } = new(true, TimeSpan.Zero);
}

/// <summary>Daily caps on codes sent per user, per target and per client IP (SMS pumping, mail bombing).</summary>
public interface ICodeSendLimiter
{
    /// <summary>Counts one send against every cap, or none when any cap is reached.</summary>
    Task<SendAllowance> TryAcquireAsync(string userId, string target, string? clientIp, CancellationToken cancellationToken);
}

/// <summary>A code was not sent because a daily cap is reached.</summary>
public sealed class SendLimitReachedException(TimeSpan retryAfter) : Exception("A daily cap on codes is reached.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
