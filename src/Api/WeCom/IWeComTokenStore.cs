using LoginOrchestrator.Api.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.WeCom;

/// <summary>Where the access token is kept between calls: Redis for every instance, or this process.</summary>
public interface IWeComTokenStore
{
    Task<string?> GetAsync();
    Task SetAsync(string token, TimeSpan lifetime);

    /// <summary>Drops the token only if it is still <paramref name="stale"/> (another instance may have refreshed it).</summary>
    Task DropAsync(string stale);

    /// <summary>A lock so that one caller refreshes while the others wait; null when not taken in time.</summary>
    Task<IAsyncDisposable?> LockAsync(TimeSpan wait);
}

/// <summary>One process: a field and a semaphore.</summary>
public sealed class InProcessWeComTokenStore(TimeProvider time) : IWeComTokenStore
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (string Token, DateTimeOffset Until)? _token;

    public Task<string?> GetAsync() => Task.FromResult(_token is { } t && time.GetUtcNow() < t.Until ? t.Token : null);

    public Task SetAsync(string token, TimeSpan lifetime)
    {
        _token = (token, time.GetUtcNow() + lifetime);
        return Task.CompletedTask;
    }

    public Task DropAsync(string stale)
    {
        if (_token?.Token == stale) _token = null;
        return Task.CompletedTask;
    }

    public async Task<IAsyncDisposable?> LockAsync(TimeSpan wait) => await _refresh.WaitAsync(wait) ? new Release(_refresh) : null;

    private sealed class Release(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Every instance shares one token in Redis, so WeCom sees one gettoken per token lifetime.</summary>
public sealed class RedisWeComTokenStore(IConnectionMultiplexer redis, IOptions<RedisOptions> options) : IWeComTokenStore
{
    private const string DropIfSame = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    private readonly RedisKey _token = $"{options.Value.KeyPrefix}wecom:access-token";
    private readonly RedisKey _lock = $"{options.Value.KeyPrefix}wecom:access-token-lock";
    private IDatabase Db => redis.GetDatabase();

    public async Task<string?> GetAsync() => await Db.StringGetAsync(_token) is { IsNullOrEmpty: false } value ? value.ToString() : null;

    public Task SetAsync(string token, TimeSpan lifetime) => Db.StringSetAsync(_token, token, lifetime);

    public Task DropAsync(string stale) => Db.ScriptEvaluateAsync(DropIfSame, [_token], [stale]);

    public async Task<IAsyncDisposable?> LockAsync(TimeSpan wait)
    {
        var owner = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            if (await Db.StringSetAsync(_lock, owner, TimeSpan.FromSeconds(10), When.NotExists)) return new Release(Db, _lock, owner);
            if (DateTime.UtcNow >= deadline) return null;
            await Task.Delay(20);
        }
    }

    private sealed class Release(IDatabase db, RedisKey key, string owner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.ScriptEvaluateAsync(DropIfSame, [key], [owner]);
    }
}
