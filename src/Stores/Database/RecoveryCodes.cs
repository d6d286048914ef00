using System.Security.Cryptography;
using System.Text;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Stores.Database;

/// <summary>Recovery codes: high-entropy, stored as SHA-256, marked used by one conditional UPDATE.</summary>
public sealed class RecoveryCodes(LoginDbContext db, TimeProvider time) : IRecoveryCodes
{
    public async Task<bool> TryConsumeAsync(string userId, string code, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var hash = Hash(code);
        var now = time.GetUtcNow();
        var updated = await db.RecoveryCodes
            .Where(c => c.NormalizedUserId == normalized && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        return updated == 1;
    }

    /// <summary>Codes are compared without dashes, spaces or case, so "abcd-efgh" and "ABCDEFGH" are one code.</summary>
    public static string Hash(string code)
    {
        var canonical = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
