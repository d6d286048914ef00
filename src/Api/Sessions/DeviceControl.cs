using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;

namespace LoginOrchestrator.Api.Sessions;

/// <summary>A remembered device as its user and admins see it (never its token).</summary>
public sealed record RememberedDeviceDto(
    string Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, string? ClientIp, string? UserAgent);

/// <summary>
/// The devices a user asked to be remembered, and forgetting one (by the user, or an admin): its next login asks for
/// the second factor again. The login audit records it as <c>DeviceForgotten</c>, with who did it.
/// </summary>
public sealed class DeviceControl(IRememberedDevices devices, LoginAudit audit, TimeProvider time, ILogger<DeviceControl> logger)
{
    public const string Forgotten = "DeviceForgotten";

    public async Task<IReadOnlyList<RememberedDeviceDto>> ListAsync(string userId, CancellationToken cancellationToken) =>
        [.. (await devices.ListAsync(userId, cancellationToken)).Select(d =>
            new RememberedDeviceDto(d.Id, d.CreatedAt, d.LastUsedAt, d.ExpiresAt, d.ClientIp, d.UserAgent))];

    /// <param name="adminId">The admin who forgets it (an admin event), or null when the user does.</param>
    public async Task<bool> ForgetAsync(string userId, string deviceId, string? adminId, ClientInfo requester, CancellationToken cancellationToken)
    {
        if (deviceId.Length > 16 || !await devices.ForgetAsync(userId, deviceId, cancellationToken)) return false;
        var by = adminId is null ? "by_user" : $"by_admin:{adminId}";
        await audit.RecordAsync(new AccountAction(deviceId, Orchestrator.Policy.UserIds.Canonical(userId), Forgotten, by, requester, time.GetUtcNow())
        {
            AdminId = adminId, TargetType = "device",
        }, cancellationToken);
        logger.LogInformation("Remembered device {DeviceId} of {UserId} forgotten {By}", deviceId, userId, by);
        return true;
    }
}
