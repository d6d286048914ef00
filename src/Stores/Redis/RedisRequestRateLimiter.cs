using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.InProcess;
using LoginOrchestrator.Stores.Settings;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// The request limits: an address's attempts (minute) and failures (hour) in Redis, shared by every instance (one slot
/// per address, so on a cluster the addresses spread over the masters); the global limit per instance, in memory, since
/// it guards each instance's own capacity and one counter every request touches would sit on one master. N instances
/// take up to N × the global limit.
/// </summary>
public sealed class RedisRequestRateLimiter(
    IConnectionMultiplexer redis, RedisKeys keys, IOptions<RateLimitOptions> options, ClientAddressLimits addresses, TimeProvider time)
    : IRequestRateLimiter
{
    /// <summary>0: allowed and counted; 1: past the attempts of the minute; 2: past the failures of the hour.</summary>
    private const string CheckAndCount = """
        if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then return 2 end
        if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return 1 end
        redis.call('INCR', KEYS[1])
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 0
        """;

    private const string CountFailure = """
        redis.call('INCR', KEYS[1])
        redis.call('EXPIRE', KEYS[1], ARGV[1])
        redis.call('INCR', KEYS[2])
        redis.call('EXPIRE', KEYS[2], ARGV[2])
        return 1
        """;

    /// <summary>A window's counters outlive it a little, then go by themselves.</summary>
    private const int MinuteLifetimeSeconds = 120;
    private const int HourLifetimeSeconds = 3700;

    private readonly InstanceWindow _global = new();

    public async Task<RequestAllowance> TryAcquireAsync(string clientIp, bool countsAsAttempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (minute, hour) = (MinuteWindow.At(now), HourWindow.At(now));
        if (!_global.TryTake(minute.Index, options.Value.GlobalPerMinute)) return new RequestAllowance(false, minute.Remaining, RateLimitKinds.Global);
        int verdict;
        try
        {
            var limits = await addresses.ForAsync(clientIp, cancellationToken);
            RedisKey[] counters = [keys.AttemptsFromIp(clientIp, minute.Index), keys.FailuresFromIp(clientIp, hour.Index)];
            verdict = countsAsAttempt
                ? (int)await redis.GetDatabase().ScriptEvaluateAsync(CheckAndCount, counters,
                    [limits.AttemptsPerMinute, limits.FailuresPerHour, MinuteLifetimeSeconds])
                : Verdict(await redis.GetDatabase().StringGetAsync(counters), limits);
        }
        catch
        {
            _global.GiveBack(minute.Index);
            throw;
        }
        // A request the address's limit refused does not count against the instance's.
        if (verdict != 0) _global.GiveBack(minute.Index);
        return verdict switch
        {
            0 => new RequestAllowance(true, TimeSpan.Zero),
            1 => new RequestAllowance(false, minute.Remaining, RateLimitKinds.AttemptsPerIp),
            _ => new RequestAllowance(false, hour.Remaining, RateLimitKinds.FailuresPerIp),
        };
    }

    /// <summary>
    /// <see cref="CheckAndCount"/>'s verdict, without its count, for a request that counts nothing (a read of a flow, the
    /// most frequent request): the two counters read together (one slot), without running a script on Redis.
    /// </summary>
    private static int Verdict(RedisValue[] counters, AddressLimits limits) =>
        ((long?)counters[1] ?? 0) >= limits.FailuresPerHour ? 2 : ((long?)counters[0] ?? 0) >= limits.AttemptsPerMinute ? 1 : 0;

    public async Task CountFailureAsync(string clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await redis.GetDatabase().ScriptEvaluateAsync(CountFailure,
            [keys.AttemptsFromIp(clientIp, MinuteWindow.At(now).Index), keys.FailuresFromIp(clientIp, HourWindow.At(now).Index)],
            [MinuteLifetimeSeconds, HourLifetimeSeconds]);
    }
}
