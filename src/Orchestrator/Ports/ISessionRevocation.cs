namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Ends a user's sessions (a member WeCom reports disabled or departed).</summary>
public interface ISessionRevocation
{
    Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken);
}
