using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>The request limits in Redis, shared by every instance: both counters checked and counted in one script.</summary>
public sealed class RedisRequestRateLimiter(
    IConnectionMultiplexer redis, RedisKeys keys, IOptions<RateLimitOptions> options, TimeProvider time) : IRequestRateLimiter
{
    private const string CheckAndCount = """
        if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return 0 end
        if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then return 0 end
        for i = 1, 2 do
          redis.call('INCR', KEYS[i])
          redis.call('EXPIRE', KEYS[i], ARGV[3])
        end
        return 1
        """;

    /// <summary>A window's counters outlive it a little, then go by themselves.</summary>
    private const int CounterLifetimeSeconds = 120;

    public async Task<RequestAllowance> TryAcquireAsync(string clientIp, CancellationToken cancellationToken)
    {
        var window = MinuteWindow.At(time.GetUtcNow());
        RedisKey[] counters = [keys.RequestsFromIp(clientIp, window.Index), keys.RequestsFromAll(window.Index)];
        RedisValue[] args = [options.Value.PerIpPerMinute, options.Value.GlobalPerMinute, CounterLifetimeSeconds];
        var allowed = (int)await redis.GetDatabase().ScriptEvaluateAsync(CheckAndCount, counters, args) == 1;
        return new RequestAllowance(allowed, allowed ? TimeSpan.Zero : window.Remaining);
    }
}
