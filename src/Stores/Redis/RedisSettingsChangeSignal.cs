using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Several instances: a Redis pub/sub channel under the key prefix. It listens from start-up (a hosted
/// service), not from the first change this instance makes, which may never come. A start while Redis is down keeps
/// trying to subscribe; until then the cache's maximum age stands in for the signal.
/// </summary>
public sealed class RedisSettingsChangeSignal(
    IConnectionMultiplexer redis, SettingsCache cache, RedisKeys keys, ILogger<RedisSettingsChangeSignal> logger)
    : BackgroundService, ISettingsChangeSignal
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);
    private readonly IConnectionMultiplexer _redis = redis;
    private readonly SettingsCache _cache = cache;
    private readonly RedisChannel _channel = keys.SettingsChanged;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await _redis.GetSubscriber().SubscribeAsync(_channel, (_, _) => _cache.Invalidate());
                return;
            }
            catch (RedisException e)
            {
                logger.LogWarning("Cannot listen for settings changes yet ({Error}); trying again", e.Message);
            }
            try
            {
                await Task.Delay(RetryEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await _redis.GetSubscriber().UnsubscribeAsync(_channel);
        }
        catch (RedisException)
        {
            // Gone with the connection anyway.
        }
    }

    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        _cache.Invalidate();
        await _redis.GetSubscriber().PublishAsync(_channel, "changed");
    }
}
