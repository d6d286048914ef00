namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Whether one more request may pass; when not, how long until the window turns.</summary>
public sealed record RequestAllowance(bool Allowed, TimeSpan RetryAfter);

/// <summary>Fixed one-minute windows on the login endpoints: per client IP and for everyone together.</summary>
public interface IRequestRateLimiter
{
    /// <summary>Counts one request against both limits, or against neither when either is reached.</summary>
    Task<RequestAllowance> TryAcquireAsync(string clientIp, CancellationToken cancellationToken);
}

/// <summary>The minute a request falls in, and when the next one starts.</summary>
public readonly record struct MinuteWindow(long Index, TimeSpan Remaining)
{
    public static MinuteWindow At(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeMilliseconds() / 1000.0;
        var index = (long)Math.Floor(seconds / 60);
        return new MinuteWindow(index, TimeSpan.FromSeconds((index + 1) * 60 - seconds));
    }
}
