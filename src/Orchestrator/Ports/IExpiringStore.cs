namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>An in-process store whose entries must be swept when their time is up (Redis keys expire by themselves).</summary>
public interface IExpiringStore
{
    string Name { get; }

    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}
