using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// A flow's lease taken by <see cref="RedisFlowStore.TakeAsync"/> with its read, and ended by the script that saves the
/// flow with its outbox: a step that changes a flow spends one round trip on its flow going in and one coming out.
/// </summary>
internal sealed class RedisFlowLease(
    IDatabase db, RedisKeys keys, OutboxSignal signal, string flowId, RedisLease? lease, LoginFlow? flow, bool waited, UserLock? userLock,
    Func<LoginFlow, TimeSpan> timeToLive) : IFlowLease
{
    /// <summary>The save, the outbox's messages appended, and the lease's release if still ours: one slot, one script.</summary>
    private const string Save = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
        if #ARGV > 3 then
            for i = 4, #ARGV do redis.call('RPUSH', KEYS[3], ARGV[i]) end
            redis.call('PEXPIRE', KEYS[3], ARGV[2])
        end
        return 1
        """;

    public bool Held => lease is not null;

    public LoginFlow? Flow => flow;

    public bool Waited => waited;

    public UserLock? UserLock => userLock;

    public async Task SaveAndReleaseAsync(LoginFlow saved, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        var ttl = (long)timeToLive(saved).TotalMilliseconds;
        RedisValue[] values = [RedisJson.Write(saved), ttl, lease?.Owner ?? "", .. outbox.Select(m => RedisJson.Write(m))];
        // The index entry is sent first, in the same round trip: a drainer that finds it before the messages finds
        // nothing and looks again later; messages are never left without an entry pointing at them.
        var indexed = outbox.Count == 0 ? Task.CompletedTask
            : db.SortedSetAddAsync(keys.OutboxIndex(RedisKeys.ExpiryBucketOf(flowId)), flowId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var written = SlotMoves.RetryAsync(() => db.ScriptEvaluateAsync(Save, [keys.Flow(flowId), keys.FlowLease(flowId), keys.FlowOutbox(flowId)], values));
        await Task.WhenAll(indexed, written);
        lease?.Ended();
        if (outbox.Count > 0) signal.Wake(flowId);
    }

    public ValueTask DisposeAsync() => lease?.DisposeAsync() ?? ValueTask.CompletedTask;
}
