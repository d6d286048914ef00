using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>Every instance shares one token in Redis, so WeCom sees one gettoken per token lifetime.</summary>
public sealed class RedisWeComTokenStore(IConnectionMultiplexer redis, RedisKeys keys) : IWeComTokenStore
{
    private const string DropIfSame = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    private readonly RedisKey _token = keys.WeComAccessToken;
    private IDatabase Db => redis.GetDatabase();

    public async Task<string?> GetAsync() => await Db.StringGetAsync(_token) is { IsNullOrEmpty: false } value ? value.ToString() : null;

    public Task SetAsync(string token, TimeSpan lifetime) => Db.StringSetAsync(_token, token, lifetime);

    public Task DropAsync(string stale) => Db.ScriptEvaluateAsync(DropIfSame, [_token], [stale]);

    public async Task<IAsyncDisposable?> LockAsync(TimeSpan wait) =>
        await RedisLease.TakeAsync(Db, keys.WeComAccessTokenLock, TimeSpan.FromSeconds(10), wait, CancellationToken.None);
}
