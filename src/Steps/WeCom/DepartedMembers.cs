using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>
/// A member WeCom reports disabled, departed or unknown keeps no session anywhere, and the verdict stays on the account
/// so the local password does not let them in while WeCom is down.
/// </summary>
public sealed class DepartedMembers(IUserAccounts accounts, ISessionRevocation revocation, ILogger<DepartedMembers> logger)
{
    public async Task RevokeIfGoneAsync(DirectoryAnswer.Rejected rejected, string? fallbackUserId, CancellationToken cancellationToken)
    {
        if (!rejected.Departed || (rejected.UserId ?? fallbackUserId) is not { } userId) return;
        await accounts.MarkDepartedAsync(userId, cancellationToken);
        var revoked = await revocation.RevokeAllAsync(userId, cancellationToken);
        if (revoked > 0) logger.LogWarning("Revoked {Count} sessions of {UserId}: WeCom reports the member disabled or departed", revoked, userId);
    }
}
