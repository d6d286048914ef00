using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Sessions;

namespace LoginOrchestrator.Api.Sessions;

/// <summary>A session as its list shows it: where and when, never its token.</summary>
public sealed record SessionSummaryDto(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> Factors,
    bool Degraded,
    bool Current,
    string? ClientIp,
    string? UserAgent);

/// <summary>
/// The sessions of a user, and their ending one at a time (by the user, or an admin): the session, and the refresh
/// tokens apps got from it, end at once; the login audit records it as <c>Revoked</c>, with who did it.
/// </summary>
public sealed class SessionControl(SessionService sessions, LoginAudit audit, AgentPresence presence, TimeProvider time, ILogger<SessionControl> logger)
{
    public const string Revoked = "Revoked";

    public async Task<IReadOnlyList<SessionSummaryDto>> ListAsync(string userId, string? currentTokenHash, CancellationToken cancellationToken) =>
        [.. (await sessions.ListAsync(userId, cancellationToken)).Select(s => new SessionSummaryDto(
            SessionIds.Of(s.TokenHash), s.IssuedAt, s.LastSeenAt, s.ExpiresAt, s.Factors, s.Degraded, s.TokenHash == currentTokenHash,
            s.ClientIp, s.UserAgent))];

    /// <param name="adminId">The admin who ends it (an admin event), or null when the user ends their own.</param>
    /// <returns>False when the user has no live session of this id.</returns>
    public async Task<bool> RevokeAsync(string userId, string sessionId, string? adminId, ClientInfo requester, CancellationToken cancellationToken)
    {
        if (await sessions.RevokeByIdAsync(userId, sessionId, cancellationToken) is not { } ended) return false;
        var by = adminId is null ? "by_user" : $"by_admin:{adminId}";
        await audit.RecordAsync(new AccountAction(sessionId, ended.UserId, Revoked, by, requester, time.GetUtcNow(), ended.Factors, ended.Degraded)
        {
            AdminId = adminId, TargetType = "session",
        }, cancellationToken);
        await presence.SessionEndedAsync(ended.UserId, cancellationToken);
        logger.LogInformation("Session {SessionId} of {UserId} revoked by {By}", sessionId, ended.UserId, by);
        return true;
    }
}
