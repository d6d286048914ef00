using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Settings;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// The daily caps in Redis, shared by every instance. Each counter (user, target, IP) is its own key, so on a cluster
/// they spread over the masters: each is a checked increment (one script on one key, never past its cap), sent
/// together; when any refuses, the others taken are given back. Racing sends may so refuse one that would have fitted
/// (never grant one past a cap).
/// </summary>
public sealed class RedisCodeSendLimiter(
    IConnectionMultiplexer redis, RedisKeys redisKeys, IOptions<RateLimitOptions> options, ClientAddressLimits addresses, TimeProvider time)
    : ICodeSendLimiter
{
    private const string CheckedIncrement = """
        if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return 0 end
        redis.call('INCR', KEYS[1])
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    /// <summary>A day and an hour: a counter outlives its day a little, then goes by itself.</summary>
    private const int CounterLifetimeSeconds = 25 * 3600;

    public async Task<SendAllowance> TryAcquireAsync(string userId, string target, string? clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var db = redis.GetDatabase();
        var perIp = (await addresses.ForAsync(clientIp, cancellationToken)).CodesPerDay;
        var counters = DailyCaps.For(userId, target, clientIp, options.Value, perIp, now)
            .Select(c => (Key: redisKeys.CodeSends(c.Counter), c.Cap, c.Limit)).ToList();
        var taken = await Task.WhenAll(counters.Select(async c =>
            (int)await db.ScriptEvaluateAsync(CheckedIncrement, [c.Key], [c.Cap, CounterLifetimeSeconds]) == 1));
        if (taken.All(t => t)) return SendAllowance.Granted;
        await Task.WhenAll(counters.Where((_, i) => taken[i]).Select(c => db.StringDecrementAsync(c.Key)));
        return new SendAllowance(false, DailyCaps.UntilTomorrow(now), counters[Array.IndexOf(taken, false)].Limit);
    }

    public async Task ResetAsync(string userId, IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        await Task.WhenAll(DailyCaps.OfUser(userId, targets, time.GetUtcNow()).Select(c => db.KeyDeleteAsync(redisKeys.CodeSends(c))));
    }
}
