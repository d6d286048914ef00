using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Per-user lock-out in Redis, shared by every instance. The counter is one INCR, so of racing wrong answers
/// exactly one reaches the threshold and sets the lock. The lock holds its end (our clock's time) and expires with it.
/// </summary>
public sealed class RedisAccountLockout(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : IAccountLockout
{
    public async Task<TimeSpan?> LockedForAsync(string userId, CancellationToken cancellationToken)
    {
        var until = await redis.GetDatabase().StringGetAsync(keys.LockedUntil(userId));
        if (until.IsNull) return null;
        var wait = DateTimeOffset.FromUnixTimeMilliseconds((long)until) - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>The count and its memory's renewal in one round trip.</summary>
    private const string CountFailure = "local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n";

    public async Task<TimeSpan?> RecordFailureAsync(string userId, FailureKind kind, LockoutPolicy policy, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var counter = keys.Failures(userId, KindName(kind));
        var count = (long)await db.ScriptEvaluateAsync(CountFailure, [counter], [(long)LockoutPolicy.FailureMemory.TotalMilliseconds]);
        var wait = policy.WaitAfter(count);
        if (wait is null) return null;
        var until = time.GetUtcNow() + wait.Value;
        await db.StringSetAsync(keys.LockedUntil(userId), until.ToUnixTimeMilliseconds(), wait.Value);
        return wait;
    }

    public Task ResetAsync(string userId, FailureKind kind, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(keys.Failures(userId, KindName(kind)));

    public Task UnlockAsync(string userId, CancellationToken cancellationToken) => SlotMoves.RetryAsync(() =>
        redis.GetDatabase().KeyDeleteAsync([
            keys.LockedUntil(userId), keys.Failures(userId, KindName(FailureKind.Password)), keys.Failures(userId, KindName(FailureKind.SecondFactor))]));

    private static string KindName(FailureKind kind) => kind == FailureKind.Password ? "password" : "second-factor";
}
