using System.Buffers.Text;
using System.Security.Cryptography;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Stores.Database;

/// <summary>Passkeys in the database, one row each, found by the hash of their credential id.</summary>
public sealed class Passkeys(LoginDbContext db) : IPasskeys
{
    public async Task<IReadOnlyList<PasskeyCredential>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var records = await db.Passkeys.AsNoTracking().Where(p => p.NormalizedUserId == normalized).ToListAsync(cancellationToken);
        return [.. records.OrderBy(p => p.CreatedAt).Select(ToCredential)];
    }

    public async Task<PasskeyCredential?> FindAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        var hash = HashOf(credentialId);
        var record = await db.Passkeys.AsNoTracking().SingleOrDefaultAsync(p => p.IdHash == hash, cancellationToken);
        // The hash found it; the id itself must match too.
        return record is not null && record.CredentialId.AsSpan().SequenceEqual(credentialId) ? ToCredential(record) : null;
    }

    public async Task<bool> AddAsync(PasskeyCredential credential, CancellationToken cancellationToken)
    {
        var record = new PasskeyRecord
        {
            IdHash = HashOf(credential.Id),
            CredentialId = credential.Id,
            NormalizedUserId = UserIds.Canonical(credential.UserId),
            UserHandle = credential.UserHandle,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            Transports = string.Join(',', credential.Transports),
            Aaguid = credential.Aaguid,
            Name = credential.Name,
            BackedUp = credential.BackedUp,
            CreatedAt = credential.CreatedAt,
        };
        if (await db.Passkeys.AnyAsync(p => p.IdHash == record.IdHash, cancellationToken)) return false;
        db.Passkeys.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Registered meanwhile by another request: the key is taken.
            return false;
        }
        finally
        {
            db.Entry(record).State = EntityState.Detached;
        }
    }

    public async Task<bool> RecordUseAsync(byte[] credentialId, uint seenCount, uint newCount, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        var hash = HashOf(credentialId);
        return await db.Passkeys.Where(p => p.IdHash == hash && p.SignCount == seenCount)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SignCount, newCount).SetProperty(p => p.LastUsedAt, usedAt), cancellationToken) == 1;
    }

    public async Task<bool> RenameAsync(string userId, byte[] credentialId, string name, CancellationToken cancellationToken)
    {
        var (hash, normalized) = (HashOf(credentialId), UserIds.Canonical(userId));
        return await db.Passkeys.Where(p => p.IdHash == hash && p.NormalizedUserId == normalized)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, name), cancellationToken) == 1;
    }

    public async Task<bool> RemoveAsync(string userId, byte[] credentialId, CancellationToken cancellationToken)
    {
        var (hash, normalized) = (HashOf(credentialId), UserIds.Canonical(userId));
        return await db.Passkeys.Where(p => p.IdHash == hash && p.NormalizedUserId == normalized).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    private static PasskeyCredential ToCredential(PasskeyRecord p) => new(
        p.CredentialId, p.NormalizedUserId, p.UserHandle, p.PublicKey, (uint)p.SignCount,
        p.Transports.Split(',', StringSplitOptions.RemoveEmptyEntries), p.Aaguid, p.Name, p.BackedUp, p.CreatedAt, p.LastUsedAt);

    private static string HashOf(byte[] credentialId) => Base64Url.EncodeToString(SHA256.HashData(credentialId));
}
