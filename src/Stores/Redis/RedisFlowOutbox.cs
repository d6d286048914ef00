using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>A drainer's hold on one flow's outbox: the messages it read, to remove once carried out.</summary>
public sealed record OutboxClaim(string FlowId, string Owner, IReadOnlyList<OutboxMessage> Messages, long ClaimedAt);

/// <summary>
/// The drain side of the flows' outboxes (the write side is <see cref="RedisFlowLease"/>'s save): which flows have
/// messages, a claim on one flow's messages (one drainer at a time, for a while), and their removal once carried out.
/// </summary>
public sealed class RedisFlowOutbox(IConnectionMultiplexer redis, RedisKeys keys)
{
    /// <summary>Long enough for a batch's audit write and enqueues; a drainer that died frees the outbox after it.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(30);

    private const string Claim = """
        if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) == false then return false end
        return redis.call('LRANGE', KEYS[1], 0, -1)
        """;

    /// <summary>The claimed messages leave (later ones stay); returns how many remain.</summary>
    private const string Complete = """
        if redis.call('GET', KEYS[2]) == ARGV[1] then
            redis.call('LTRIM', KEYS[1], tonumber(ARGV[2]), -1)
            redis.call('DEL', KEYS[2])
        end
        return redis.call('LLEN', KEYS[1])
        """;

    /// <summary>The index entry leaves unless a save after the claim put it back (a newer score).</summary>
    private const string Unindex = """
        local left = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if left and tonumber(left) <= tonumber(ARGV[2]) then redis.call('ZREM', KEYS[1], ARGV[1]) end
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Flows with messages left before <paramref name="before"/> (a drainer that missed them, or died).</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(Enumerable.Range(0, RedisKeys.ExpiryBuckets).Select(bucket =>
            Db.SortedSetRangeByScoreAsync(keys.OutboxIndex(bucket), double.NegativeInfinity, before.ToUnixTimeMilliseconds(), take: max)));
        return [.. found.SelectMany(ids => ids).Select(id => id.ToString()).Take(max)];
    }

    /// <summary>The flow's messages under a claim of this drainer; null when another holds them.</summary>
    public async Task<OutboxClaim?> ClaimAsync(string flowId, CancellationToken cancellationToken)
    {
        var owner = RedisLease.NewOwner();
        var claimedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var result = await SlotMoves.RetryAsync(() => Db.ScriptEvaluateAsync(Claim,
            [keys.FlowOutbox(flowId), keys.FlowOutboxClaim(flowId)], [owner, (long)ClaimLifetime.TotalMilliseconds]));
        if (result.IsNull) return null;
        var messages = ((RedisValue[])result!).Select(json => RedisJson.Read<OutboxMessage>(json)).ToList();
        return new OutboxClaim(flowId, owner, messages, claimedAt);
    }

    /// <summary>Removes what the claim carried out; the flow leaves the index when nothing newer came.</summary>
    public async Task CompleteAsync(OutboxClaim claim, CancellationToken cancellationToken)
    {
        var left = (long)await SlotMoves.RetryAsync(() => Db.ScriptEvaluateAsync(Complete,
            [keys.FlowOutbox(claim.FlowId), keys.FlowOutboxClaim(claim.FlowId)], [claim.Owner, claim.Messages.Count]));
        if (left == 0)
            await Db.ScriptEvaluateAsync(Unindex, [keys.OutboxIndex(RedisKeys.ExpiryBucketOf(claim.FlowId))], [claim.FlowId, claim.ClaimedAt]);
    }
}
