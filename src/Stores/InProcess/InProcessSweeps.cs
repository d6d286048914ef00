using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>Sweeps the in-process captcha codes.</summary>
public sealed class CaptchaCodeSweep(InMemoryCaptchaCodeStore store) : IExpiringStore
{
    public string Name => "captcha codes";

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) => Task.FromResult(store.Purge());
}

/// <summary>Sweeps the in-process sessions.</summary>
public sealed class SessionSweep(InMemorySessionStore store) : IExpiringStore
{
    public string Name => "sessions";

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) => Task.FromResult(store.Purge());
}
