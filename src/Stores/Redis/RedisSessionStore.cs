using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Sessions as Redis hashes under the token's hash: the session itself, and when it was last seen.
/// The key's TTL is the earlier of its absolute end and its idle end, so Redis forgets a dead session
/// by itself. A sorted set per user, scored by each session's absolute end, finds the sessions to
/// revoke; every new session trims its user's entries that ended, so the index never outgrows what
/// is alive and no sweep over all users is needed. The session has its own hash tag and the index its user's, so
/// they are written one after the other (index first: an entry without its session is harmless, a session its index
/// does not list could not be revoked with the rest). Sessions written under the former key names
/// (<see cref="RedisKeys.LegacySession"/>) are found, touched and ended too, until they expire by themselves.
/// </summary>
public sealed class RedisSessionStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : ISessionStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task CreateAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        var key = keys.Session(session.TokenHash);
        var indexKey = keys.UserSessions(session.UserId);
        // Sent together (one round trip), the index first: on one Redis they run in that order on one connection. On a
        // cluster they go to two masters at once, so a revocation of the user's sessions racing this write may miss it;
        // it would race the login itself as much, and the revocations that must hold (disable, role or password change)
        // also move the user's session epoch, which every use of a session checks.
        var index = SlotMoves.RetryAsync(() =>
        {
            var indexed = Db.CreateTransaction();
            _ = indexed.SortedSetRemoveRangeByScoreAsync(indexKey, double.NegativeInfinity, time.GetUtcNow().ToUnixTimeMilliseconds());
            _ = indexed.SortedSetAddAsync(indexKey, session.TokenHash, session.ExpiresAt.ToUnixTimeMilliseconds());
            _ = indexed.KeyExpireAsync(indexKey, session.ExpiresAt - time.GetUtcNow(), ExpireWhen.GreaterThanCurrentExpiry);
            _ = indexed.KeyExpireAsync(indexKey, session.ExpiresAt - time.GetUtcNow(), ExpireWhen.HasNoExpiry);
            return indexed.ExecuteAsync();
        });
        var written = SlotMoves.RetryAsync(() =>
        {
            var writing = Db.CreateTransaction();
            _ = writing.HashSetAsync(key, [new("session", RedisJson.Write(session)), new("seen", session.LastSeenAt.ToUnixTimeMilliseconds())]);
            _ = writing.KeyExpireAsync(key, TimeToLive(session, session.LastSeenAt));
            return writing.ExecuteAsync();
        });
        await Task.WhenAll(index, written);
    }

    public async Task<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        // A read may be abandoned at the request's deadline (Redis takes no cancellation token of its own).
        var values = await Db.HashGetAsync(keys.Session(tokenHash), ["session", "seen"]).WaitAsync(cancellationToken);
        if (values[0].IsNullOrEmpty) values = await Db.HashGetAsync(keys.LegacySession(tokenHash), ["session", "seen"]).WaitAsync(cancellationToken);
        if (values[0].IsNullOrEmpty || values[1].IsNullOrEmpty) return null;
        var session = RedisJson.Read<SessionRecord>(values[0]) with
        {
            LastSeenAt = DateTimeOffset.FromUnixTimeMilliseconds((long)values[1]),
        };
        return session.IsLiveAt(time.GetUtcNow()) ? session : null;
    }

    /// <summary>
    /// One script, no read and no conditional transaction: a WATCH-based transaction holds the shared connection while it
    /// waits for its reads, so under a slow Redis every signed-in request queued behind it (issue 16.4).
    /// </summary>
    private const string Touch = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'seen', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    /// <summary>Rewrites the "session" field of a key that still exists; "seen" and the TTL (a touch's) are left alone.</summary>
    private const string Replace = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'session', ARGV[1])
        return 1
        """;

    public async Task TouchAsync(SessionRecord session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RedisValue[] args = [now.ToUnixTimeMilliseconds(), (long)Math.Ceiling(TimeToLive(session, now).TotalMilliseconds)];
        if ((int)await Db.ScriptEvaluateAsync(Touch, [keys.Session(session.TokenHash)], args) == 0)
            await Db.ScriptEvaluateAsync(Touch, [keys.LegacySession(session.TokenHash)], args);
    }

    public async Task ChangeAsync(string tokenHash, Func<SessionRecord, SessionRecord> change, CancellationToken cancellationToken)
    {
        foreach (var key in new[] { keys.Session(tokenHash), keys.LegacySession(tokenHash) })
        {
            var json = await Db.HashGetAsync(key, "session");
            if (json.IsNullOrEmpty) continue;
            var session = change(RedisJson.Read<SessionRecord>(json));
            await Db.ScriptEvaluateAsync(Replace, [key], [RedisJson.Write(session)]);
            return;
        }
    }

    public async Task RevokeAsync(string tokenHash, CancellationToken cancellationToken) => await DeleteAsync(tokenHash);

    public async Task<IReadOnlyList<SessionRecord>> ListUserAsync(string userId, CancellationToken cancellationToken)
    {
        var sessions = new List<SessionRecord>();
        foreach (var hash in await IndexedAsync(userId))
            if (await FindAsync(hash, cancellationToken) is { } session) sessions.Add(session);
        return sessions;
    }

    public async Task<int> RevokeUserAsync(string userId, string? keepTokenHash, CancellationToken cancellationToken)
    {
        var revoked = 0;
        foreach (var hash in await IndexedAsync(userId))
        {
            if (hash == keepTokenHash) continue;
            if (await DeleteAsync(hash)) revoked++;
            await Task.WhenAll(Db.SortedSetRemoveAsync(keys.UserSessions(userId), hash), Db.SortedSetRemoveAsync(keys.LegacyUserSessions(userId), hash));
        }
        return revoked;
    }

    /// <summary>The user's live sessions by their token hashes, from the index and the former one.</summary>
    private async Task<IReadOnlyList<string>> IndexedAsync(string userId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var indexes = await Task.WhenAll(
            Db.SortedSetRangeByScoreAsync(keys.UserSessions(userId), now), Db.SortedSetRangeByScoreAsync(keys.LegacyUserSessions(userId), now));
        return [.. indexes.SelectMany(hashes => hashes).Select(hash => hash.ToString()).Distinct()];
    }

    private async Task<bool> DeleteAsync(string tokenHash)
    {
        var deleted = await Task.WhenAll(Db.KeyDeleteAsync(keys.Session(tokenHash)), Db.KeyDeleteAsync(keys.LegacySession(tokenHash)));
        return deleted.Any(d => d);
    }

    private TimeSpan TimeToLive(SessionRecord session, DateTimeOffset seen)
    {
        var end = Min(session.ExpiresAt, seen + session.IdleTimeout);
        var ttl = end - time.GetUtcNow();
        return ttl > TimeSpan.FromMilliseconds(1) ? ttl : TimeSpan.FromMilliseconds(1);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
