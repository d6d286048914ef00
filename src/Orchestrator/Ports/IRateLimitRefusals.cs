namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>One refusal by a request limit or a code cap: which limit, from which address, for which account (if known).</summary>
public sealed record RateLimitRefusal(string Limit, string? ClientIp, string? UserId);

/// <summary>How often one limit refused one address (and account) in the last hour, and the minute it last did.</summary>
public sealed record RateLimitRefusalCount(string Limit, string? ClientIp, string? UserId, int Count, DateTimeOffset LastAt);

/// <summary>
/// The refusals of the last hour, kept so an admin can tell a 9:00 rush (one address, many accounts, attempts) from an
/// attack (failures, many accounts, or codes). Shared by every instance.
/// </summary>
public interface IRateLimitRefusals
{
    Task RecordAsync(RateLimitRefusal refusal, CancellationToken cancellationToken);

    /// <summary>The last 60 minutes' refusals, grouped by limit, address and account, the most first.</summary>
    Task<IReadOnlyList<RateLimitRefusalCount>> LastHourAsync(CancellationToken cancellationToken);
}
