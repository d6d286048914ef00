using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>What a new session is granted.</summary>
public sealed record SessionGrant(
    string UserId,
    string Name,
    IReadOnlyList<string> Roles,
    IReadOnlyList<LoginFactor> Factors,
    bool Degraded,
    IReadOnlyList<string> RequiredActions,
    TimeSpan AbsoluteLifetime,
    TimeSpan IdleTimeout,
    int Epoch = 0,
    string? CaptchaChannel = null,
    ClientInfo? Client = null);

/// <summary>A session token, handed out once.</summary>
public sealed record IssuedSession(string Token, DateTimeOffset ExpiresAt);

public interface ISessionIssuer
{
    Task<IssuedSession> IssueAsync(SessionGrant grant, CancellationToken cancellationToken);
}
