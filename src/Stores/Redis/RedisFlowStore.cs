using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Flows in Redis as JSON, alive until their retention ends, each under its own hash tag. A sorted set indexed by that
/// moment, split into <see cref="RedisKeys.ExpiryBuckets"/> buckets (each on its own slot), lets the clean-up find what
/// expired without scanning what is alive (and a second per bucket, of claims, lets it audit before it deletes). A
/// request's lease on a flow is a <see cref="RedisLease"/>.
/// </summary>
public sealed class RedisFlowStore(IConnectionMultiplexer redis, RedisKeys keys, OutboxSignal signal, TimeProvider time) : IFlowStore, IExpiredFlowSource
{
    /// <summary>
    /// Short, and renewed while held (every second): a request that dies with its instance frees its flow within
    /// seconds (a retry waits up to 5 s for a lease), while a slow one keeps it as long as it runs.
    /// </summary>
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(4);

    /// <summary>The key outlives its index entry, so the clean-up (every 5 minutes) can still read what it audits, even after missing a few runs.</summary>
    private static readonly TimeSpan KeyGrace = TimeSpan.FromHours(1);

    private IDatabase Db => redis.GetDatabase();

    /// <summary>
    /// The index entry and the flow, sent together, the entry first (two slots, one round trip; on one Redis they run in
    /// that order on one connection). A flow the sweep cannot find must not be left behind: if the entry fails the flow
    /// is removed again before the error goes up; an entry without a flow the sweep drops. On a cluster only a crash
    /// between the two sends, microseconds apart, could leave a flow unindexed; it still goes by its key's lifetime,
    /// without its "Expired" audit row.
    /// </summary>
    public async Task CreateAsync(LoginFlow flow, CancellationToken cancellationToken)
    {
        var diesAt = flow.ExpiresAt + IFlowStore.Retention;
        var (flowKey, index) = (keys.Flow(flow.Id), keys.FlowsByExpiry(RedisKeys.ExpiryBucketOf(flow.Id)));
        var indexed = SlotMoves.RetryAsync(() =>
        {
            var transaction = Db.CreateTransaction();
            _ = transaction.SortedSetAddAsync(index, flow.Id, diesAt.ToUnixTimeMilliseconds());
            // The index lives as long as its latest entry might need sweeping.
            _ = transaction.KeyExpireAsync(index, TimeToLive(diesAt), ExpireWhen.GreaterThanCurrentExpiry);
            _ = transaction.KeyExpireAsync(index, TimeToLive(diesAt), ExpireWhen.HasNoExpiry);
            return transaction.ExecuteAsync();
        });
        var written = Db.StringSetAsync(flowKey, RedisJson.Write(flow), TimeToLive(diesAt), When.NotExists);
        try
        {
            await Task.WhenAll(indexed, written);
        }
        catch when (written.IsCompletedSuccessfully && written.Result)
        {
            // The entry failed, the flow was written: it goes again (best effort), and the entry's error goes up.
            Db.KeyDelete(flowKey, CommandFlags.FireAndForget);
            throw;
        }
        if (!written.Result) throw new InvalidOperationException("Flow id collision.");
    }

    public async Task<LoginFlow?> FindAsync(string flowId, CancellationToken cancellationToken)
    {
        // A read may be abandoned at the request's deadline (Redis takes no cancellation token of its own).
        return Parse(await Db.StringGetAsync(keys.Flow(flowId)).WaitAsync(cancellationToken));
    }

    public Task SaveAsync(LoginFlow flow, CancellationToken cancellationToken) =>
        Db.StringSetAsync(keys.Flow(flow.Id), RedisJson.Write(flow), TimeToLive(flow.ExpiresAt + IFlowStore.Retention));

    public async Task<IAsyncDisposable?> LockAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken) =>
        await RedisLease.TakeAsync(Db, keys.FlowLease(flowId), LeaseLifetime, wait, cancellationToken);

    /// <summary>
    /// The flow, and its lease for this request if it exists and nobody holds it, and a lock of its user copied to it
    /// (flow, lease and copy share a slot).
    /// </summary>
    private const string TakeAndRead = """
        local flow = redis.call('GET', KEYS[1])
        if not flow then return {0, false, false} end
        local taken = redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2])
        return {taken and 1 or 0, flow, redis.call('GET', KEYS[3])}
        """;

    public async Task<IFlowLease> TakeAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var (flowKey, leaseKey) = (keys.Flow(flowId), keys.FlowLease(flowId));
        var owner = RedisLease.NewOwner();
        // Settled when taken, or when there is no flow to wait for.
        var (answer, waited) = await RedisLease.RetryWhileHeldAsync(async () =>
            {
                var read = (RedisResult[])(await SlotMoves.RetryAsync(() =>
                    Db.ScriptEvaluateAsync(TakeAndRead, [flowKey, leaseKey, keys.FlowUserLock(flowId)], [owner, (long)LeaseLifetime.TotalMilliseconds])).WaitAsync(cancellationToken))!;
                return (Taken: (long)read[0] == 1, Flow: Parse((RedisValue)read[1]), UserLock: (RedisValue)read[2]);
            },
            read => read.Taken || read.Flow is null, wait, cancellationToken);
        var lease = answer.Taken ? RedisLease.Taken(Db, leaseKey, owner, LeaseLifetime) : null;
        return new RedisFlowLease(Db, keys, signal, flowId, lease, answer.Flow, waited, UserLockMarker.Parse(answer.UserLock),
            f => TimeToLive(f.ExpiresAt + IFlowStore.Retention));
    }

    private LoginFlow? Parse(RedisValue json)
    {
        if (json.IsNullOrEmpty) return null;
        var flow = RedisJson.Read<LoginFlow>(json);
        return time.GetUtcNow() < flow.ExpiresAt + IFlowStore.Retention ? flow : null;
    }

    /// <summary>
    /// One bucket's claim, within its slot: stale claims (a sweep that died) first, then entries past their time, each
    /// moved from the expiry index to the claimed set. The flows are read afterwards (each on its own slot).
    /// </summary>
    private const string ClaimExpired = """
        local n = tonumber(ARGV[2])
        local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[3], 'LIMIT', 0, n)
        if #ids < n then
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, n - #ids)) do ids[#ids + 1] = id end
        end
        for _, id in ipairs(ids) do
            redis.call('ZREM', KEYS[1], id)
            redis.call('ZADD', KEYS[2], ARGV[1], id)
        end
        if #ids > 0 then redis.call('EXPIRE', KEYS[2], 86400) end
        return ids
        """;

    public async Task<IReadOnlyList<LoginFlow>> ClaimExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var staleBefore = now - IExpiredFlowSource.ClaimLifetime;
        var flows = new List<LoginFlow>();
        // The buckets in turn from a random one, so a batch that fills early does not always favour the first.
        var first = Random.Shared.Next(RedisKeys.ExpiryBuckets);
        for (var i = 0; i < RedisKeys.ExpiryBuckets && flows.Count < batchSize; i++)
        {
            var bucket = (first + i) % RedisKeys.ExpiryBuckets;
            var ids = (RedisValue[])(await SlotMoves.RetryAsync(() => Db.ScriptEvaluateAsync(ClaimExpired, [keys.FlowsByExpiry(bucket), keys.FlowsClaimed(bucket)],
                [now.ToUnixTimeMilliseconds(), batchSize - flows.Count, staleBefore.ToUnixTimeMilliseconds()])))!;
            if (ids.Length == 0) continue;
            var found = await Task.WhenAll(ids.Select(id => Db.StringGetAsync(keys.Flow(id.ToString()))));
            var gone = ids.Where((_, n) => found[n].IsNullOrEmpty).ToArray();
            // An entry whose flow is gone (forgotten, or never written) leaves the claims at once: nothing to audit.
            if (gone.Length > 0) await Db.SortedSetRemoveAsync(keys.FlowsClaimed(bucket), gone);
            flows.AddRange(found.Where(json => !json.IsNullOrEmpty).Select(json => RedisJson.Read<LoginFlow>(json)));
        }
        return flows;
    }

    public async Task ForgetAsync(IReadOnlyCollection<string> flowIds, CancellationToken cancellationToken)
    {
        if (flowIds.Count == 0) return;
        // Each flow on its own slot, each bucket's claims on theirs: one command per key, sent together.
        await Task.WhenAll([
            .. flowIds.Select(id => Db.KeyDeleteAsync(keys.Flow(id))),
            .. flowIds.GroupBy(RedisKeys.ExpiryBucketOf).Select(bucket =>
                Db.SortedSetRemoveAsync(keys.FlowsClaimed(bucket.Key), [.. bucket.Select(id => (RedisValue)id)])),
        ]);
    }

    /// <summary>Until the flow's end, and the grace from then, or from now for a flow written after its end.</summary>
    private TimeSpan TimeToLive(DateTimeOffset diesAt) => TimeSpan.FromTicks(Math.Max(0, (diesAt - time.GetUtcNow()).Ticks)) + KeyGrace;
}
