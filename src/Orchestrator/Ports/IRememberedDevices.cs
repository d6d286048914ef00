namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>A device a user asked to be remembered after a second factor, as their lists show it (never its token).</summary>
public sealed record RememberedDevice(
    string Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, string? ClientIp, string? UserAgent);

/// <summary>A device token just made: given to the client once (a cookie, or the flow's answer), stored only hashed.</summary>
public sealed record DeviceGrant(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// "Remember this device": a token that skips the second factor for its user until it expires, the user's session
/// epoch moves on (a password or factor change, disabling) or it is forgotten.
/// </summary>
public interface IRememberedDevices
{
    Task<DeviceGrant> RememberAsync(string userId, int epoch, TimeSpan lifetime, ClientInfo client, CancellationToken cancellationToken);

    /// <summary>Whether the token is a live one of this user under this epoch; a match is marked used.</summary>
    Task<bool> IsRememberedAsync(string token, string userId, int epoch, CancellationToken cancellationToken);

    Task<IReadOnlyList<RememberedDevice>> ListAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Forgets one of the user's devices; false when they have none of that id.</summary>
    Task<bool> ForgetAsync(string userId, string deviceId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this user agent is new for the user: not seen in one of their successful logins (the audit) before. A
    /// user's first login ever is not "new": there is nothing to compare it with.
    /// </summary>
    Task<bool> IsNewDeviceAsync(string userId, string? userAgent, CancellationToken cancellationToken);
}
