namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Whether one more request may pass; when not, how long until the window turns and which limit refused (<see cref="RateLimitKinds"/>).</summary>
public sealed record RequestAllowance(bool Allowed, TimeSpan RetryAfter, string? Limit = null);

/// <summary>
/// The login endpoints' limits. Per client address (shared by every instance): attempts per minute (flows created and
/// wrong answers) and wrong answers per hour, what guessing needs and a user rarely does; reads and right answers are
/// not counted. For everyone together: requests per minute, per instance. An address's limits are the defaults or,
/// in a known network, that network's.
/// </summary>
public interface IRequestRateLimiter
{
    /// <summary>
    /// A request to the login endpoints: refused when the instance or the address is past a limit. Counts against the
    /// instance's window, and, with <paramref name="countsAsAttempt"/> (a flow created), against the address's minute.
    /// </summary>
    Task<RequestAllowance> TryAcquireAsync(string clientIp, bool countsAsAttempt, CancellationToken cancellationToken);

    /// <summary>A wrong answer from the address: one more attempt this minute and one more failure this hour.</summary>
    Task CountFailureAsync(string clientIp, CancellationToken cancellationToken);
}

/// <summary>The limits a refusal names, in metrics and in the admin's list of refusals.</summary>
public static class RateLimitKinds
{
    public const string AttemptsPerIp = "attempts_per_ip";
    public const string FailuresPerIp = "failures_per_ip";
    public const string Global = "global";
    public const string CodesPerIp = "codes_per_ip";
    public const string CodesPerUser = "codes_per_user";
    public const string CodesPerTarget = "codes_per_target";

    public static IReadOnlyList<string> All { get; } = [AttemptsPerIp, FailuresPerIp, Global, CodesPerIp, CodesPerUser, CodesPerTarget];
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

/// <summary>The hour a wrong answer falls in, and when the next one starts.</summary>
public readonly record struct HourWindow(long Index, TimeSpan Remaining)
{
    public static HourWindow At(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeMilliseconds() / 1000.0;
        var index = (long)Math.Floor(seconds / 3600);
        return new HourWindow(index, TimeSpan.FromSeconds((index + 1) * 3600 - seconds));
    }
}
