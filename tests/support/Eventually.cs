using System.Net;
using System.Net.Sockets;

namespace LoginOrchestrator.Tests.Support;

/// <summary>Waiting, in real time, for something the service does by itself (recover, re-register, hand back).</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure());
            await Task.Delay(100);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string failure) => UntilAsync(condition, within, () => failure);

    /// <summary>Until the service answers ready (its database migrated, Redis reachable).</summary>
    public static Task ReadyAsync(HttpClient client, TimeSpan within) =>
        UntilAsync(async () => (await client.GetAsync("/healthz/ready")).StatusCode == HttpStatusCode.OK, within, "The service did not become ready.");

    /// <summary>Until a server listens on a loopback port (a process just started).</summary>
    public static Task ListeningAsync(int port, TimeSpan within, Func<string> failure) =>
        UntilAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, within, failure);
}
