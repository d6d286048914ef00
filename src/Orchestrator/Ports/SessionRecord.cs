namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>A live session, stored under the SHA-256 of its token; the token itself is never stored.</summary>
public sealed record SessionRecord(
    string TokenHash,
    string UserId,
    string Name,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Factors,
    bool Degraded,
    IReadOnlyList<string> RequiredActions,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    TimeSpan IdleTimeout,
    DateTimeOffset LastSeenAt,
    int Epoch = 0,
    string? CaptchaChannel = null,
    string? ClientIp = null,
    string? UserAgent = null)
{
    public bool IsLiveAt(DateTimeOffset now) => now < ExpiresAt && now < LastSeenAt + IdleTimeout;
}
