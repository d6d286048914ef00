using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Each flow's live code as a Redis hash with a TTL. Consuming and counting wrong answers are Lua
/// scripts, so of any number of parallel submits exactly one consumes the code.
/// </summary>
public sealed class RedisCaptchaCodeStore(IConnectionMultiplexer redis, RedisKeys keys) : ICaptchaCodeStore
{
    /// <summary>An expired code stays readable a while, so its submitter hears "expired" rather than "no code".</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    private const string Consume =
        "if redis.call('HGET', KEYS[1], 'hash') == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end return 0";

    private const string CountWrong = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return tonumber(ARGV[1]) end
        local wrong = redis.call('HINCRBY', KEYS[1], 'wrong', 1)
        if wrong >= tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) end
        return wrong
        """;

    private IDatabase Db => redis.GetDatabase();

    public async Task ReplaceAsync(CaptchaCodeRecord record, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var key = keys.Captcha(record.FlowId);
        await SlotMoves.RetryAsync(() =>
        {
            var transaction = Db.CreateTransaction();
            _ = transaction.KeyDeleteAsync(key);
            _ = transaction.HashSetAsync(key,
            [
                new("flow", record.FlowId), new("channel", record.Channel), new("target", record.Target),
                new("hash", Convert.ToBase64String(record.CodeHash)), new("expires", record.ExpiresAt.ToUnixTimeMilliseconds()),
                new("wrong", record.WrongAttempts),
            ]);
            _ = transaction.KeyExpireAsync(key, timeToLive + Grace);
            return transaction.ExecuteAsync();
        });
    }

    public async Task<CaptchaCodeRecord?> FindAsync(string flowId, CancellationToken cancellationToken)
    {
        var fields = (await Db.HashGetAllAsync(keys.Captcha(flowId))).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (fields.Count == 0) return null;
        return new CaptchaCodeRecord(
            fields["flow"].ToString(), fields["channel"].ToString(), fields["target"].ToString(),
            Convert.FromBase64String(fields["hash"].ToString()),
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields["expires"]),
            (int)fields["wrong"]);
    }

    public async Task<bool> TryConsumeAsync(string flowId, byte[] codeHash, CancellationToken cancellationToken) =>
        (int)await Db.ScriptEvaluateAsync(Consume, [keys.Captcha(flowId)], [Convert.ToBase64String(codeHash)]) == 1;

    public async Task<int> CountWrongAsync(string flowId, int limit, CancellationToken cancellationToken) =>
        (int)await Db.ScriptEvaluateAsync(CountWrong, [keys.Captcha(flowId)], [limit]);
}
