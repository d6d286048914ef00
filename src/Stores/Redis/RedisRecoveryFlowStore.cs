using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Recovery flows in Redis as JSON, each key expiring with its retention (no index: nothing sweeps recoveries, an
/// expired one has nothing to audit that its last request did not). A request's lease is a <see cref="RedisLease"/>.
/// </summary>
public sealed class RedisRecoveryFlowStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : IRecoveryFlowStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task CreateAsync(RecoveryFlow flow, CancellationToken cancellationToken)
    {
        if (!await Db.StringSetAsync(keys.RecoveryFlow(flow.Id), RedisJson.Write(flow), TimeToLive(flow), When.NotExists))
            throw new InvalidOperationException("Flow id collision.");
    }

    public async Task<RecoveryFlow?> FindAsync(string flowId, CancellationToken cancellationToken)
    {
        var json = await Db.StringGetAsync(keys.RecoveryFlow(flowId)).WaitAsync(cancellationToken);
        if (json.IsNullOrEmpty) return null;
        var flow = RedisJson.Read<RecoveryFlow>(json);
        return time.GetUtcNow() < flow.ExpiresAt + IFlowStore.Retention ? flow : null;
    }

    public Task SaveAsync(RecoveryFlow flow, CancellationToken cancellationToken) =>
        Db.StringSetAsync(keys.RecoveryFlow(flow.Id), RedisJson.Write(flow), TimeToLive(flow));

    public async Task<IAsyncDisposable?> LockAsync(string flowId, TimeSpan wait, CancellationToken cancellationToken) =>
        await RedisLease.TakeAsync(Db, keys.RecoveryFlowLease(flowId), RedisFlowStore.LeaseLifetime, wait, cancellationToken);

    private TimeSpan TimeToLive(RecoveryFlow flow) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, (flow.ExpiresAt + IFlowStore.Retention - time.GetUtcNow()).Ticks));
}
