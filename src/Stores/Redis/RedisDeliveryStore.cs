using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Delivery records in Redis. The encrypted message lives under its own key whose TTL is the code's
/// lifetime, so it dies with the code; the record stays a while longer for the flow to show its status.
/// </summary>
public sealed class RedisDeliveryStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : IDeliveryStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task CreateAsync(DeliveryRecord record, CancellationToken cancellationToken) => await WriteAsync(record);

    public async Task<DeliveryRecord?> FindAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var values = await SlotMoves.RetryAsync(() => Db.StringGetAsync([keys.Delivery(deliveryId), keys.DeliveryMessage(deliveryId)]));
        if (values[0].IsNullOrEmpty) return null;
        return RedisJson.Read<DeliveryRecord>(values[0]) with
        {
            ProtectedMessage = values[1].IsNullOrEmpty ? null : values[1].ToString(),
        };
    }

    public async Task UpdateAsync(DeliveryRecord record, CancellationToken cancellationToken) => await WriteAsync(record);

    public Task<bool> TryClaimAttemptAsync(string deliveryId, int attempt, TimeSpan hold, CancellationToken cancellationToken) =>
        Db.StringSetAsync(keys.DeliveryAttempt(deliveryId, attempt), 1, hold, When.NotExists);

    private Task WriteAsync(DeliveryRecord record) => SlotMoves.RetryAsync(() =>
    {
        var now = time.GetUtcNow();
        var transaction = Db.CreateTransaction();
        _ = transaction.StringSetAsync(keys.Delivery(record.Id), RedisJson.Write(record with { ProtectedMessage = null }),
            Positive(record.CodeExpiresAt + IDeliveryStore.Retention - now));
        if (record.ProtectedMessage is null || now >= record.CodeExpiresAt)
            _ = transaction.KeyDeleteAsync(keys.DeliveryMessage(record.Id));
        else
            _ = transaction.StringSetAsync(keys.DeliveryMessage(record.Id), record.ProtectedMessage, record.CodeExpiresAt - now);
        return transaction.ExecuteAsync();
    });

    private static TimeSpan Positive(TimeSpan ttl) => ttl > TimeSpan.FromSeconds(1) ? ttl : TimeSpan.FromSeconds(1);
}
