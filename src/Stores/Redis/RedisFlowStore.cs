using System.Text.Json;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Flows in Redis as JSON, alive until their retention ends. A sorted set indexed by that moment lets
/// the clean-up find what expired without scanning what is alive (and a second, of claims, lets it audit before it
/// deletes). A request's lease on a flow is a <see cref="RedisLease"/>.
/// </summary>
public sealed class RedisFlowStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : IFlowStore, IExpiredFlowSource
{
    /// <summary>
    /// Short, and renewed while held (every second): a request that dies with its instance frees its flow within
    /// seconds (a retry waits up to 5 s for a lease), while a slow one keeps it as long as it runs.
    /// </summary>
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(4);

    /// <summary>The key outlives its index entry, so the clean-up (every 5 minutes) can still read what it audits, even after missing a few runs.</summary>
    private static readonly TimeSpan KeyGrace = TimeSpan.FromHours(1);

    private IDatabase Db => redis.GetDatabase();

    public async Task CreateAsync(LoginFlow flow, CancellationToken cancellationToken)
    {
        var diesAt = flow.ExpiresAt + IFlowStore.Retention;
        var transaction = Db.CreateTransaction();
        _ = transaction.SortedSetAddAsync(keys.FlowsByExpiry, flow.Id, diesAt.ToUnixTimeMilliseconds());
        // The index lives as long as its latest entry might need sweeping.
        _ = transaction.KeyExpireAsync(keys.FlowsByExpiry, TimeToLive(diesAt), ExpireWhen.GreaterThanCurrentExpiry);
        _ = transaction.KeyExpireAsync(keys.FlowsByExpiry, TimeToLive(diesAt), ExpireWhen.HasNoExpiry);
        var created = transaction.StringSetAsync(keys.Flow(flow.Id), JsonSerializer.Serialize(flow), TimeToLive(diesAt), When.NotExists);
        await transaction.ExecuteAsync();
        if (!await created) throw new InvalidOperationException("Flow id collision.");
    }

    public async Task<LoginFlow?> FindAsync(string flowId, CancellationToken cancellationToken)
    {
        // A read may be abandoned at the request's deadline (Redis takes no cancellation token of its own).
        var json = await Db.StringGetAsync(keys.Flow(flowId)).WaitAsync(cancellationToken);
        if (json.IsNullOrEmpty) return null;
        var flow = JsonSerializer.Deserialize<LoginFlow>(json.ToString())!;
        return time.GetUtcNow() < flow.ExpiresAt + IFlowStore.Retention ? flow : null;
    }

    public Task SaveAsync(LoginFlow flow, CancellationToken cancellationToken) =>
        Db.StringSetAsync(keys.Flow(flow.Id), JsonSerializer.Serialize(flow), TimeToLive(flow.ExpiresAt + IFlowStore.Retention));

    public async Task<IAsyncDisposable?> LockAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken) =>
        await RedisLease.TakeAsync(Db, keys.FlowLease(flowId), LeaseLifetime, wait, cancellationToken);

    /// <summary>
    /// One batch in one round trip: stale claims (a sweep that died) first, then entries past their time, each moved
    /// from the expiry index to the claimed set, with its flow. The flow key stays until <see cref="ForgetAsync"/>.
    /// Flow keys are not declared: the store is not clustered.
    /// </summary>
    private const string ClaimExpired = """
        local n = tonumber(ARGV[2])
        local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[4], 'LIMIT', 0, n)
        if #ids < n then
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, n - #ids)) do ids[#ids + 1] = id end
        end
        local flows = {}
        for _, id in ipairs(ids) do
            redis.call('ZREM', KEYS[1], id)
            local json = redis.call('GET', ARGV[3] .. id)
            if json then
                redis.call('ZADD', KEYS[2], ARGV[1], id)
                flows[#flows + 1] = json
            else
                redis.call('ZREM', KEYS[2], id)
            end
        end
        if #flows > 0 then redis.call('EXPIRE', KEYS[2], 86400) end
        return flows
        """;

    public async Task<IReadOnlyList<LoginFlow>> ClaimExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var staleBefore = now - IExpiredFlowSource.ClaimLifetime;
        var claimed = (RedisResult[])(await Db.ScriptEvaluateAsync(ClaimExpired, [keys.FlowsByExpiry, keys.FlowsClaimed],
            [now.ToUnixTimeMilliseconds(), batchSize, keys.FlowKeyPrefix, staleBefore.ToUnixTimeMilliseconds()]))!;
        return [.. claimed.Select(json => JsonSerializer.Deserialize<LoginFlow>(json.ToString())!)];
    }

    public async Task ForgetAsync(IReadOnlyCollection<string> flowIds, CancellationToken cancellationToken)
    {
        if (flowIds.Count == 0) return;
        var transaction = Db.CreateTransaction();
        _ = transaction.KeyDeleteAsync([.. flowIds.Select(keys.Flow)]);
        _ = transaction.SortedSetRemoveAsync(keys.FlowsClaimed, [.. flowIds.Select(id => (RedisValue)id)]);
        await transaction.ExecuteAsync();
    }

    /// <summary>Until the flow's end, and the grace from then, or from now for a flow written after its end.</summary>
    private TimeSpan TimeToLive(DateTimeOffset diesAt) => TimeSpan.FromTicks(Math.Max(0, (diesAt - time.GetUtcNow()).Ticks)) + KeyGrace;
}
