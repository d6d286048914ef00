using System.Globalization;
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
    RequestDelegate next, IRequestRateLimiter limiter, ApiProblems problems, LoginMetrics metrics, ILogger<LoginRateLimits> logger)
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
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(http, StatusCodes.Status429TooManyRequests, FlowCodes.RateLimited,
            FlowTexts.For(FlowCodes.RateLimited), new Dictionary<string, object?> { ["retryAfter"] = retryAfter });
    }
}
