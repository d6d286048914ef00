using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

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
