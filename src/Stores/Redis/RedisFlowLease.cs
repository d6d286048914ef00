using System.Text.Json;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// A flow's lease taken by <see cref="RedisFlowStore.TakeAsync"/> with its read, and ended by the script that saves the
/// flow: a step that changes a flow spends one round trip on its flow going in and one coming out.
/// </summary>
internal sealed class RedisFlowLease(IDatabase db, RedisKey flowKey, RedisLease? lease, LoginFlow? flow, bool waited, UserLock? userLock,
    Func<LoginFlow, TimeSpan> timeToLive)
    : IFlowLease
{
    /// <summary>The save, and the lease's release if this request still owns it (same hash tag, same slot).</summary>
    private const string SaveAndRelease = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
        return 1
        """;

    public bool Held => lease is not null;

    public LoginFlow? Flow => flow;

    public bool Waited => waited;

    public UserLock? UserLock => userLock;

    public async Task SaveAndReleaseAsync(LoginFlow saved, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(saved);
        var ttl = (long)timeToLive(saved).TotalMilliseconds;
        if (lease is null)
        {
            await db.StringSetAsync(flowKey, json, TimeSpan.FromMilliseconds(ttl));
            return;
        }
        await SlotMoves.RetryAsync(() => db.ScriptEvaluateAsync(SaveAndRelease, [flowKey, lease.Key], [json, ttl, lease.Owner]));
        lease.Ended();
    }

    public ValueTask DisposeAsync() => lease?.DisposeAsync() ?? ValueTask.CompletedTask;
}
