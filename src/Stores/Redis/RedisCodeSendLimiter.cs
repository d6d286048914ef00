using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>The daily caps in Redis, shared by every instance: checked and counted in one Lua script.</summary>
public sealed class RedisCodeSendLimiter(
    IConnectionMultiplexer redis, RedisKeys redisKeys, IOptions<RateLimitOptions> options, TimeProvider time) : ICodeSendLimiter
{
    private const string CheckAndCount = """
        for i = 1, #KEYS do
          if tonumber(redis.call('GET', KEYS[i]) or '0') >= tonumber(ARGV[i]) then return 0 end
        end
        for i = 1, #KEYS do
          redis.call('INCR', KEYS[i])
          redis.call('EXPIRE', KEYS[i], ARGV[#KEYS + 1])
        end
        return 1
        """;

    /// <summary>A day and an hour: a counter outlives its day a little, then goes by itself.</summary>
    private const int CounterLifetimeSeconds = 25 * 3600;

    public async Task<SendAllowance> TryAcquireAsync(string userId, string target, string? clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var caps = DailyCaps.For(userId, target, clientIp, options.Value, now);
        RedisKey[] keys = [.. caps.Select(c => redisKeys.CodeSends(c.Counter))];
        RedisValue[] args = [.. caps.Select(c => (RedisValue)c.Cap), CounterLifetimeSeconds];
        var allowed = (int)await redis.GetDatabase().ScriptEvaluateAsync(CheckAndCount, keys, args) == 1;
        return allowed ? SendAllowance.Granted : new SendAllowance(false, DailyCaps.UntilTomorrow(now));
    }

    public async Task ResetAsync(string userId, IEnumerable<string> targets, CancellationToken cancellationToken) =>
        await redis.GetDatabase().KeyDeleteAsync([.. DailyCaps.OfUser(userId, targets, time.GetUtcNow()).Select(c => redisKeys.CodeSends(c))]);
}
