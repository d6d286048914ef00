using LoginOrchestrator.Stores.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// On a Redis Cluster, prefixes that would split an atomic operation (or pile every key on one slot) stop the process
/// with the reason. Checked at start-up when Redis answers then, else as soon as it does (the service starts while Redis
/// is down). Registered before Hangfire's server, whose first multi-key command would fail less clearly.
/// </summary>
public sealed class RedisClusterCheck(
    IConnectionMultiplexer redis, IOptions<RedisOptions> options, IHostApplicationLifetime lifetime, ILogger<RedisClusterCheck> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.IsConnected)
        {
            if (Problems() is { Count: > 0 } problems) throw new InvalidOperationException(string.Join(" ", problems));
            return Task.CompletedTask;
        }
        _ = CheckOnceConnectedAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private async Task CheckOnceConnectedAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!redis.IsConnected) await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            if (Problems() is not { Count: > 0 } problems) return;
            foreach (var problem in problems) logger.LogCritical("Redis Cluster: {Problem}", problem);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
        catch (OperationCanceledException) { }
    }

    private IReadOnlyList<string> Problems() =>
        redis.GetServers().Any(server => server.IsConnected && server.ServerType == ServerType.Cluster) ? ClusterPrefixes.Problems(options.Value) : [];
}
