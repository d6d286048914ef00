using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Telemetry;

namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>
/// The request limits with every refusal counted by kind (<c>lo.rate_limit.refusals</c>) and kept for the admin's
/// last hour; the limiter behind it (Redis or in process) only counts.
/// </summary>
public sealed class RecordedRequestRateLimiter(IRequestRateLimiter limiter, IRateLimitRefusals refusals, LoginMetrics metrics) : IRequestRateLimiter
{
    public async Task<RequestAllowance> TryAcquireAsync(string clientIp, bool countsAsAttempt, CancellationToken cancellationToken)
    {
        var allowance = await limiter.TryAcquireAsync(clientIp, countsAsAttempt, cancellationToken);
        if (!allowance.Allowed)
        {
            metrics.RateLimited(allowance.Limit!);
            await refusals.RecordAsync(new RateLimitRefusal(allowance.Limit!, clientIp, UserId: null), cancellationToken);
        }
        return allowance;
    }

    public Task CountFailureAsync(string clientIp, CancellationToken cancellationToken) => limiter.CountFailureAsync(clientIp, cancellationToken);
}

/// <summary>The daily code caps, with every refusal counted and kept like the request limits'.</summary>
public sealed class RecordedCodeSendLimiter(ICodeSendLimiter limiter, IRateLimitRefusals refusals, LoginMetrics metrics) : ICodeSendLimiter
{
    public async Task<SendAllowance> TryAcquireAsync(string userId, string target, string? clientIp, CancellationToken cancellationToken)
    {
        var allowance = await limiter.TryAcquireAsync(userId, target, clientIp, cancellationToken);
        if (!allowance.Allowed)
        {
            metrics.RateLimited(allowance.Limit!);
            await refusals.RecordAsync(new RateLimitRefusal(allowance.Limit!, clientIp, userId), cancellationToken);
        }
        return allowance;
    }

    public Task ResetAsync(string userId, IEnumerable<string> targets, CancellationToken cancellationToken) =>
        limiter.ResetAsync(userId, targets, cancellationToken);
}
