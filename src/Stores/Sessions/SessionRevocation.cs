using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.Sessions;

/// <summary>
/// Revokes every session of a user, on every instance (the store is shared). Called after a change raised the user's
/// session epoch, which already refuses them: the deletion is best effort.
/// </summary>
public sealed class SessionRevocation(SessionService sessions) : ISessionRevocation
{
    public Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken) =>
        sessions.RevokeAfterEpochAsync(userId, keepTokenHash: null, cancellationToken);
}
