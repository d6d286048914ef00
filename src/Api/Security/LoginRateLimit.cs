using System.Threading.RateLimiting;
using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.AspNetCore.RateLimiting;

namespace LoginOrchestrator.Api.Security;

/// <summary>
/// The limit on creating a login flow and on every recovery request (<c>RequireRateLimiting(LoginRateLimit.Policy)</c>):
/// each is an attempt of its client address (and a request of the instance's global window) before anything else is
/// done for it; past a limit, 429 with <c>Retry-After</c>, the same for every account. The framework's rate limiter
/// runs it; the counting is <see cref="IRequestRateLimiter"/>'s, in Redis so every instance shares it. Requests on a
/// login flow are limited by the engine, which counts only wrong answers.
/// </summary>
/// <remarks>
/// Not RedisRateLimiting.AspNetCore (served here, 1.2.1): it keeps one counter per partition, so per IP and global
/// would be two limiters chained (<c>PartitionedRateLimiter.CreateChained</c>), two round trips, and a request the
/// global window refuses would still have been counted against its IP (a fixed-window lease, once taken, is not given
/// back). Ours counts both or neither, atomically, and has an in-process twin for the embedded default.
/// </remarks>
public sealed class LoginRateLimit(IRequestRateLimiter limiter, ILogger<LoginRateLimit> logger)
    : IRateLimiterPolicy<string>
{
    public const string Policy = "login";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(ClientIp(httpContext), ip => new SharedWindows(ip, limiter));

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected => async (context, _) =>
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        logger.LogWarning("Rate limit reached for client {ClientIp} on {Path}", ClientIp(http), http.Request.Path.Value);
        await new Refusal(FlowCodes.RateLimited, FlowTexts.For(FlowCodes.RateLimited),
            RetryAfter: Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))).WriteAsync(http);
    };

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>One client IP's view of the shared windows: holds nothing itself, so the framework may drop it when idle.</summary>
    private sealed class SharedWindows(string clientIp, IRequestRateLimiter limiter) : RateLimiter
    {
        private long _lastUsed = Environment.TickCount64;

        public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => null;

        /// <summary>The windows are in Redis: nothing is known without asking, so the framework goes on to <see cref="AcquireAsyncCore"/>.</summary>
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Counted.NotYet;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
            var allowance = await limiter.TryAcquireAsync(clientIp, countsAsAttempt: true, cancellationToken);
            return allowance.Allowed ? Counted.Granted : new Counted(false, allowance.RetryAfter);
        }
    }

    private sealed class Counted(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static Counted Granted { get; } = new(true, null);
        public static Counted NotYet { get; } = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
