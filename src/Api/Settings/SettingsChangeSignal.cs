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

/// <summary>
/// Several instances: a Redis pub/sub channel under the key prefix. It listens from start-up (a hosted
/// service), not from the first change this instance makes, which may never come.
/// </summary>
public sealed class RedisSettingsChangeSignal(IConnectionMultiplexer redis, SettingsCache cache, IOptions<RedisOptions> options)
    : ISettingsChangeSignal, IHostedService
{
    private readonly IConnectionMultiplexer _redis = redis;
    private readonly SettingsCache _cache = cache;
    private readonly RedisChannel _channel = RedisChannel.Literal($"{options.Value.KeyPrefix}settings-changed");

    public Task StartAsync(CancellationToken cancellationToken) =>
        _redis.GetSubscriber().SubscribeAsync(_channel, (_, _) => _cache.Invalidate());

    public Task StopAsync(CancellationToken cancellationToken) => _redis.GetSubscriber().UnsubscribeAsync(_channel);

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        _cache.Invalidate();
        await _redis.GetSubscriber().PublishAsync(_channel, "changed");
    }
}
