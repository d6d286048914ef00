namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Where the access token is kept between calls: Redis for every instance, or this process.</summary>
public interface IWeComTokenStore
{
    Task<string?> GetAsync();
    Task SetAsync(string token, TimeSpan lifetime);

    /// <summary>Drops the token only if it is still <paramref name="stale"/> (another instance may have refreshed it).</summary>
    Task DropAsync(string stale);

    /// <summary>A lock so that one caller refreshes while the others wait; null when not taken in time.</summary>
    Task<IAsyncDisposable?> LockAsync(TimeSpan wait);
}
