using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Stores.Database;

/// <summary>The last accepted TOTP step lives on the user row; one conditional UPDATE makes acceptance atomic.</summary>
public sealed class DatabaseTotpStepLedger(LoginDbContext db) : ITotpStepLedger
{
    public async Task<bool> TryAcceptAsync(string userId, long step, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var updated = await db.Users
            .Where(u => u.NormalizedUserId == normalized && u.TotpLastStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step), cancellationToken);
        return updated == 1;
    }
}
