using System.Net;
using System.Net.Sockets;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// A loopback port in front of a real server (maildev's SMTP, a Redis) that the test can close and open:
/// closed, every connection is dropped at once, as if the server were down. <see cref="Delay"/> holds back
/// everything sent to the server by that long: a slow network or a slow server. <see cref="Silent"/> accepts and
/// holds every connection without a word: a server that hangs. <see cref="Accepted"/> counts connections made;
/// <see cref="DropConnections"/> cuts the open ones, as a server's idle time-out does.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TcpClient, byte> _piped = new();
    private int _accepted;

    public TcpGate(string host, int port)
    {
        _target = new IPEndPoint(IPAddress.Parse(host), port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    /// <summary>Closing drops the open connections too: a server that went down takes its sessions with it.</summary>
    public bool Open
    {
        get => _open;
        set
        {
            _open = value;
            if (!value) DropConnections();
        }
    }

    private volatile bool _open = true;

    public TimeSpan Delay { get; set; }

    public bool Silent { get; set; }

    public int Accepted => Volatile.Read(ref _accepted);

    public void DropConnections()
    {
        foreach (var client in _piped.Keys) client.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            Interlocked.Increment(ref _accepted);
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
            _piped[client] = 0;
            try
            {
                var a = client.GetStream();
                var b = server.GetStream();
                await Task.WhenAny(CopyDelayedAsync(a, b), b.CopyToAsync(a, _stop.Token));
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
            finally
            {
                _piped.TryRemove(client, out _);
            }
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
