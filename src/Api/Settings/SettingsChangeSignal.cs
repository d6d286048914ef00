using LoginOrchestrator.Api.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.Settings;

/// <summary>Tells every instance that settings changed, so each drops its cached copy.</summary>
public interface ISettingsChangeSignal
{
    Task PublishAsync(CancellationToken cancellationToken);
}

/// <summary>One process: invalidating the local cache is all there is to do.</summary>
public sealed class LocalSettingsChangeSignal(SettingsCache cache) : ISettingsChangeSignal
{
    public Task PublishAsync(CancellationToken cancellationToken)
    {
        cache.Invalidate();
        return Task.CompletedTask;
    }
}

/// <summary>Several instances: a Redis pub/sub channel under the key prefix.</summary>
public sealed class RedisSettingsChangeSignal : ISettingsChangeSignal
{
    private readonly IConnectionMultiplexer _redis;
    private readonly SettingsCache _cache;
    private readonly RedisChannel _channel;

    public RedisSettingsChangeSignal(IConnectionMultiplexer redis, SettingsCache cache, IOptions<RedisOptions> options)
    {
        _redis = redis;
        _cache = cache;
        _channel = RedisChannel.Literal($"{options.Value.KeyPrefix}settings-changed");
        _redis.GetSubscriber().Subscribe(_channel, (_, _) => _cache.Invalidate());
    }

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        _cache.Invalidate();
        await _redis.GetSubscriber().PublishAsync(_channel, "changed");
    }
}
