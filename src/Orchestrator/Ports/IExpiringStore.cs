namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// A store whose entries must be swept when their time is up: the in-process ones (Redis keys expire by themselves),
/// and the database's OpenID Connect tokens.
/// </summary>
public interface IExpiringStore
{
    string Name { get; }

    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}
