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
        return WaitUntil(await redis.GetDatabase().StringGetAsync(keys.LockedUntil(userId)));
    }

    private TimeSpan? WaitUntil(RedisValue until)
    {
        if (until.IsNull) return null;
        var wait = DateTimeOffset.FromUnixTimeMilliseconds((long)until) - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>How long a flow stays on its user's list: past any flow's lifetime (flows last minutes).</summary>
    private static readonly TimeSpan FlowWatch = TimeSpan.FromHours(1);

    /// <summary>The flow joins its user's list (old entries leave it) and the lock is read, atomically (one slot).</summary>
    private const string CheckAndWatch = """
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        redis.call('PEXPIREAT', KEYS[2], ARGV[3])
        return redis.call('GET', KEYS[1])
        """;

    public async Task<LockCheck> CheckForFlowAsync(string userId, string flowId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = (RedisValue)await SlotMoves.RetryAsync(() => redis.GetDatabase().ScriptEvaluateAsync(CheckAndWatch,
            [keys.LockedUntil(userId), keys.UserFlows(userId)], [flowId, now.ToUnixTimeMilliseconds(), (now + FlowWatch).ToUnixTimeMilliseconds()]));
        return new LockCheck(WaitUntil(until), Watching: true);
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
        // Then to every flow acting for the user. A flow that joins the list after the SET above reads the lock as it
        // joins (CheckAndWatch), so none is missed.
        var flows = await db.SortedSetRangeByScoreAsync(keys.UserFlows(userId), time.GetUtcNow().ToUnixTimeMilliseconds());
        var marker = UserLockMarker.Format(UserIds.Canonical(userId), until);
        await Task.WhenAll(flows.Select(flow => db.StringSetAsync(keys.FlowUserLock(flow.ToString()), marker, wait.Value)));
        return wait;
    }

    public Task ResetAsync(string userId, FailureKind kind, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(keys.Failures(userId, KindName(kind)));

    public async Task UnlockAsync(string userId, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        await SlotMoves.RetryAsync(() => db.KeyDeleteAsync([
            keys.LockedUntil(userId), keys.Failures(userId, KindName(FailureKind.Password)), keys.Failures(userId, KindName(FailureKind.SecondFactor))]));
        // The copies too, or a flow would stay locked after its user was unlocked.
        var flows = await db.SortedSetRangeByScoreAsync(keys.UserFlows(userId));
        await Task.WhenAll(flows.Select(flow => db.KeyDeleteAsync(keys.FlowUserLock(flow.ToString()))));
    }

    private static string KindName(FailureKind kind) => kind == FailureKind.Password ? "password" : "second-factor";
}
