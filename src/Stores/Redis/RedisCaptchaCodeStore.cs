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

    /// <summary>
    /// The check in one round trip, against field <c>check</c> (a hash of flow and code: the caller computes it without
    /// reading the record); a record without it came from an earlier version. Answers {outcome, channel, target}.
    /// </summary>
    private const string Check = """
        local f = redis.call('HMGET', KEYS[1], 'check', 'expires', 'wrong', 'hash', 'channel', 'target')
        if not f[4] or tonumber(f[3]) >= tonumber(ARGV[3]) then return {0} end
        if tonumber(ARGV[2]) >= tonumber(f[2]) then return {1} end
        if not f[1] then return {4} end
        if f[1] == ARGV[1] then
          redis.call('DEL', KEYS[1])
          return {3, f[5], f[6]}
        end
        if redis.call('HINCRBY', KEYS[1], 'wrong', 1) >= tonumber(ARGV[3]) then redis.call('DEL', KEYS[1]) end
        return {2}
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
                new("wrong", record.WrongAttempts), .. CheckField(record),
            ]);
            _ = transaction.KeyExpireAsync(key, timeToLive + Grace);
            return transaction.ExecuteAsync();
        });
    }

    private static HashEntry[] CheckField(CaptchaCodeRecord record) =>
        record.CheckHash is { } check ? [new("check", Convert.ToBase64String(check))] : [];

    public async Task<CaptchaCodeRecord?> FindAsync(string flowId, CancellationToken cancellationToken)
    {
        var fields = (await Db.HashGetAllAsync(keys.Captcha(flowId))).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (fields.Count == 0) return null;
        return new CaptchaCodeRecord(
            fields["flow"].ToString(), fields["channel"].ToString(), fields["target"].ToString(),
            Convert.FromBase64String(fields["hash"].ToString()),
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields["expires"]),
            (int)fields["wrong"],
            fields.TryGetValue("check", out var check) ? Convert.FromBase64String(check.ToString()) : null);
    }

    public async Task<CaptchaCheck> CheckAsync(string flowId, byte[] codeHash, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var answer = (RedisResult[])(await Db.ScriptEvaluateAsync(Check, [keys.Captcha(flowId)],
            [Convert.ToBase64String(codeHash), now.ToUnixTimeMilliseconds(), limit]))!;
        var outcome = (CaptchaCheckOutcome)(int)answer[0];
        return outcome == CaptchaCheckOutcome.Accepted
            ? new CaptchaCheck(outcome, answer[1].ToString(), answer[2].ToString())
            : new CaptchaCheck(outcome);
    }

    public async Task<bool> TryConsumeAsync(string flowId, byte[] codeHash, CancellationToken cancellationToken) =>
        (int)await Db.ScriptEvaluateAsync(Consume, [keys.Captcha(flowId)], [Convert.ToBase64String(codeHash)]) == 1;

    public async Task<int> CountWrongAsync(string flowId, int limit, CancellationToken cancellationToken) =>
        (int)await Db.ScriptEvaluateAsync(CountWrong, [keys.Captcha(flowId)], [limit]);
}
