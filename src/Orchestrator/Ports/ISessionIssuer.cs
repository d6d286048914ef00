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

/// <summary>A session made but not stored yet: its token may be handed out only once <see cref="WriteAsync"/> completed.</summary>
public sealed record PreparedSession(IssuedSession Session, Func<CancellationToken, Task> WriteAsync);

public interface ISessionIssuer
{
    /// <summary>A new session's token and record, for a caller that stores it together with its own writes.</summary>
    PreparedSession Prepare(SessionGrant grant);

    async Task<IssuedSession> IssueAsync(SessionGrant grant, CancellationToken cancellationToken)
    {
        var prepared = Prepare(grant);
        await prepared.WriteAsync(cancellationToken);
        return prepared.Session;
    }
}
