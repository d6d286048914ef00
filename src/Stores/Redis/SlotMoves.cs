using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// While a Redis Cluster moves a slot, an operation on several keys of it (a MULTI, a script, an MGET) can meet some of
/// them moved and some not: Redis answers TRYAGAIN (or aborts the transaction), which the client does not retry as it
/// retries a single key's MOVED or ASK. Such an operation is tried again a few times, briefly; every one it wraps is a
/// write of whole values or a read, so running it twice does no harm.
/// </summary>
public static class SlotMoves
{
    private static readonly TimeSpan[] Waits = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(150)];

    public static async Task<T> RetryAsync<T>(Func<Task<T>> operation)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (RedisServerException e) when (attempt < Waits.Length && IsSlotMove(e))
            {
                await Task.Delay(Waits[attempt]);
            }
        }
    }

    public static Task RetryAsync(Func<Task> operation) => RetryAsync(async () => { await operation(); return true; });

    private static bool IsSlotMove(RedisServerException e) =>
        e.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal) || e.Message.StartsWith("EXECABORT", StringComparison.Ordinal)
        || e.Message.StartsWith("ASK", StringComparison.Ordinal) || e.Message.StartsWith("MOVED", StringComparison.Ordinal);
}
