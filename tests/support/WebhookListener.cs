using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace LoginOrchestrator.Tests.Support;

/// <summary>An SMS provider's webhook for the test: records every JSON body POSTed to it.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public WebhookListener()
    {
        Url = $"http://127.0.0.1:{LocalMachine.FreePort()}/sms/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Url { get; }
    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var body in Received) if (match(body)) return body;
            await Task.Delay(100);
        }
        throw new TimeoutException("The webhook received no matching request.");
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using (var document = await JsonDocument.ParseAsync(context.Request.InputStream))
                Received.Enqueue(document.RootElement.Clone());
            context.Response.StatusCode = 202;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _serving; } catch (ObjectDisposedException) { }
    }
}
