namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Tells every instance that settings changed, so each drops its cached copy.</summary>
public interface ISettingsChangeSignal
{
    Task PublishAsync(CancellationToken cancellationToken);
}
