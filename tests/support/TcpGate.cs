using System.Net;
using System.Net.Sockets;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// A loopback port in front of a real server (maildev's SMTP, a Redis) that the test can close and open:
/// closed, every connection is dropped at once, as if the server were down. <see cref="Delay"/> holds back
/// everything sent to the server by that long: a slow network or a slow server. <see cref="Silent"/> accepts and
/// holds every connection without a word: a server that hangs.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpGate(string host, int port)
    {
        _target = new IPEndPoint(IPAddress.Parse(host), port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public bool Open { get; set; } = true;

    public TimeSpan Delay { get; set; }

    public bool Silent { get; set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(() => PipeAsync(client));
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        {
            if (!Open) return;
            if (Silent)
            {
                try { await Task.Delay(Timeout.Infinite, _stop.Token); } catch (OperationCanceledException) { }
                return;
            }
            using var server = new TcpClient();
            await server.ConnectAsync(_target);
            var a = client.GetStream();
            var b = server.GetStream();
            await Task.WhenAny(CopyDelayedAsync(a, b), b.CopyToAsync(a, _stop.Token));
        }
    }

    private async Task CopyDelayedAsync(Stream from, Stream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (Delay > TimeSpan.Zero) await Task.Delay(Delay, _stop.Token);
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
    }
}
