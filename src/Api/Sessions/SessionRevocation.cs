using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Api.Sessions;

/// <summary>Revokes every session of a user, on every instance (the store is shared).</summary>
public sealed class SessionRevocation(ISessionStore sessions) : ISessionRevocation
{
    public Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken) =>
        sessions.RevokeUserAsync(userId, keepTokenHash: null, cancellationToken);
}
