using System.Data;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Account;

/// <summary>A user's set of recovery codes: a new set replaces the old one whole; only hashes are kept.</summary>
public sealed class RecoveryCodeSets(LoginDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<string>> ReplaceAsync(string userId, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var codes = RecoveryCodeGenerator.NewSet();
        // Read committed: under InnoDB's default the delete of a user's (often empty) set locks the index gap, and
        // other users' inserts into the same gap deadlock against it. Rows of one user are still locked while replaced.
        // Inside the caller's transaction where there is one (a TOTP confirmation), else in one of its own.
        await using var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken)
            : null;
        await db.RecoveryCodes.Where(c => c.NormalizedUserId == normalized).ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        db.RecoveryCodes.AddRange(codes.Select(code => new RecoveryCodeRecord
        {
            NormalizedUserId = normalized,
            CodeHash = RecoveryCodes.Hash(code),
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return codes;
    }

    public Task DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        return db.RecoveryCodes.Where(c => c.NormalizedUserId == normalized).ExecuteDeleteAsync(cancellationToken);
    }
}
