namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// What apps were granted from sessions (OpenID Connect authorizations and their refresh tokens): they end with the
/// session. Called after the session is gone; a failure is logged by the caller, the grant's own check of its session
/// refuses it anyway.
/// </summary>
public interface ISessionGrantRevocation
{
    /// <summary>The grants made from one session.</summary>
    Task RevokeSessionAsync(string userId, string tokenHash, CancellationToken cancellationToken);

    /// <summary>The grants made from every session of the user but <paramref name="keepTokenHash"/>.</summary>
    Task RevokeUserAsync(string userId, string? keepTokenHash, CancellationToken cancellationToken);
}
