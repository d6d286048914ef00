using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Settings;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>One process: invalidating the local cache is all there is to do.</summary>
public sealed class LocalSettingsChangeSignal(SettingsCache cache) : ISettingsChangeSignal
{
    public Task PublishAsync(CancellationToken cancellationToken)
    {
        cache.Invalidate();
        return Task.CompletedTask;
    }
}
