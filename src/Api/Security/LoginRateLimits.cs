using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Telemetry;

namespace LoginOrchestrator.Api.Security;

/// <summary>
/// Every request to <c>/login/*</c> counts against its client IP's and the global per-minute limit before
/// anything else is done for it; past either, 429 with <c>Retry-After</c>, the same for every account.
/// </summary>
public sealed class LoginRateLimits(
    RequestDelegate next, IRequestRateLimiter limiter, LoginMetrics metrics, ILogger<LoginRateLimits> logger)
{
    public const string LoginPath = "/api/v1/login";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments(LoginPath))
        {
            await next(http);
            return;
        }
        var clientIp = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var allowance = await limiter.TryAcquireAsync(clientIp, http.RequestAborted);
        if (allowance.Allowed)
        {
            await next(http);
            return;
        }
        metrics.RateLimited();
        var retryAfter = Math.Max(1, (int)Math.Ceiling(allowance.RetryAfter.TotalSeconds));
        logger.LogWarning("Rate limit reached for client {ClientIp} on {Path}", clientIp, http.Request.Path.Value);
        await new Refusal(FlowCodes.RateLimited, FlowTexts.For(FlowCodes.RateLimited), RetryAfter: retryAfter).WriteAsync(http);
    }
}
