using System.Diagnostics;

namespace LoginOrchestrator.Tests.Support;

/// <summary>A Redis server of the test's own (Debian's redis-server), to stop and start at will.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private Process? _process;

    private RedisProcess(int port) => Port = port;

    public int Port { get; }
    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync()
    {
        var redis = NotStarted();
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>A port for a Redis that is not there yet (a service starting before its Redis).</summary>
    public static RedisProcess NotStarted() => new(LocalMachine.FreePort());

    public async Task StartAgainAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction"])
        {
            RedirectStandardOutput = true,
        })!;
        await Eventually.ListeningAsync(Port, TimeSpan.FromSeconds(20), () => $"redis-server did not listen on {Port}.");
    }

    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
