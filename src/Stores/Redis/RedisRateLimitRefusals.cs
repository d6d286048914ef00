using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// The last hour's refusals: one hash per minute (limit, address and account → count), kept 62 minutes. All minutes
/// share one slot: refusals are few next to requests (each was refused at once), and the hour is read in one batch.
/// </summary>
public sealed class RedisRateLimitRefusals(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : IRateLimitRefusals
{
    private const int MinuteLifetimeSeconds = 62 * 60;

    public async Task RecordAsync(RateLimitRefusal refusal, CancellationToken cancellationToken)
    {
        var key = keys.RateLimitRefusals(MinuteWindow.At(time.GetUtcNow()).Index);
        var db = redis.GetDatabase();
        await Task.WhenAll(
            db.HashIncrementAsync(key, RefusalField.Of(refusal)),
            db.KeyExpireAsync(key, TimeSpan.FromSeconds(MinuteLifetimeSeconds)));
    }

    public async Task<IReadOnlyList<RateLimitRefusalCount>> LastHourAsync(CancellationToken cancellationToken)
    {
        var now = MinuteWindow.At(time.GetUtcNow()).Index;
        var batch = redis.GetDatabase().CreateBatch();
        var minutes = Enumerable.Range(0, 60).Select(back => now - back)
            .Select(minute => (Minute: minute, Entries: batch.HashGetAllAsync(keys.RateLimitRefusals(minute)))).ToList();
        batch.Execute();
        await Task.WhenAll(minutes.Select(m => m.Entries));
        return RefusalField.Sum(minutes.SelectMany(m => m.Entries.Result.Select(e => (m.Minute, Field: e.Name.ToString(), Count: (int)e.Value))));
    }
}
