using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// The request limits: the per-IP counter in Redis, shared by every instance (one key, so on a cluster the addresses'
/// counters spread over the masters); the global limit per instance, in memory, since it guards each instance's own
/// capacity and one counter every request touches would sit on one master. N instances take up to N × the global limit.
/// </summary>
public sealed class RedisRequestRateLimiter(
    IConnectionMultiplexer redis, RedisKeys keys, IOptions<RateLimitOptions> options, TimeProvider time) : IRequestRateLimiter
{
    private const string CheckAndCount = """
        if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return 0 end
        redis.call('INCR', KEYS[1])
        redis.call('EXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    /// <summary>A window's counters outlive it a little, then go by themselves.</summary>
    private const int CounterLifetimeSeconds = 120;

    private readonly Lock _gate = new();
    private long _window = -1;
    private int _global;

    public async Task<RequestAllowance> TryAcquireAsync(string clientIp, CancellationToken cancellationToken)
    {
        var window = MinuteWindow.At(time.GetUtcNow());
        if (!TakeGlobal(window.Index)) return new RequestAllowance(false, window.Remaining);
        bool allowed;
        try
        {
            allowed = (int)await redis.GetDatabase().ScriptEvaluateAsync(
                CheckAndCount, [keys.RequestsFromIp(clientIp, window.Index)], [options.Value.PerIpPerMinute, CounterLifetimeSeconds]) == 1;
        }
        catch
        {
            GiveBackGlobal(window.Index);
            throw;
        }
        // A request the address's limit refused does not count against the instance's.
        if (!allowed) GiveBackGlobal(window.Index);
        return new RequestAllowance(allowed, allowed ? TimeSpan.Zero : window.Remaining);
    }

    private bool TakeGlobal(long window)
    {
        lock (_gate)
        {
            if (window != _window) (_window, _global) = (window, 0);
            if (_global >= options.Value.GlobalPerMinute) return false;
            _global++;
            return true;
        }
    }

    private void GiveBackGlobal(long window)
    {
        lock (_gate)
        {
            if (window == _window && _global > 0) _global--;
        }
    }
}
