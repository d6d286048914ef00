using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Stores.Database;

/// <summary>
/// Remembered devices in the database (they outlive sessions by weeks): 32 random bytes given to the client, their
/// SHA-256 kept. A token is honoured only for its user, before its expiry and under the epoch it was made in.
/// </summary>
public sealed class RememberedDevices(LoginDbContext db, TimeProvider time) : IRememberedDevices
{
    public async Task<DeviceGrant> RememberAsync(string userId, int epoch, TimeSpan lifetime, ClientInfo client, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var record = new RememberedDeviceRecord
        {
            Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)),
            TokenHash = HashOf(token),
            NormalizedUserId = UserIds.Canonical(userId),
            Epoch = epoch,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + lifetime,
            ClientIp = client.IpAddress,
            UserAgent = client.UserAgent is { Length: > 256 } agent ? agent[..256] : client.UserAgent,
        };
        db.RememberedDevices.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(record).State = EntityState.Detached;
        return new DeviceGrant(token, record.ExpiresAt);
    }

    public async Task<bool> IsRememberedAsync(string token, string userId, int epoch, CancellationToken cancellationToken)
    {
        if (token.Length > 128) return false;
        var (hash, normalized, now) = (HashOf(token), UserIds.Canonical(userId), time.GetUtcNow());
        return await db.RememberedDevices
            .Where(d => d.TokenHash == hash && d.NormalizedUserId == normalized && d.Epoch == epoch && d.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastUsedAt, now), cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<RememberedDevice>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        var epoch = await db.Users.AsNoTracking().Where(u => u.NormalizedUserId == normalized).Select(u => (int?)u.SessionEpoch).SingleOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        // Only those that would still be honoured: an epoch behind the user's is as dead as an expiry.
        var records = await db.RememberedDevices.AsNoTracking()
            .Where(d => d.NormalizedUserId == normalized && d.Epoch == epoch && d.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        return [.. records.OrderByDescending(d => d.LastUsedAt)
            .Select(d => new RememberedDevice(d.Id, d.CreatedAt, d.LastUsedAt, d.ExpiresAt, d.ClientIp, d.UserAgent))];
    }

    public async Task<bool> ForgetAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        var normalized = UserIds.Canonical(userId);
        return await db.RememberedDevices.Where(d => d.Id == deviceId && d.NormalizedUserId == normalized)
            .ExecuteDeleteAsync(cancellationToken) == 1;
    }

    public async Task<bool> IsNewDeviceAsync(string userId, string? userAgent, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userAgent)) return false;
        var normalized = UserIds.Canonical(userId);
        var issued = nameof(LoginState.Issued);
        var agent = userAgent.Length > 512 ? userAgent[..512] : userAgent;
        // One round trip on the login's path: null (no earlier login), false (none from this agent) or true.
        var seen = await SeenFrom.For(db)(db, normalized, issued, agent, cancellationToken);
        return seen == false;
    }

    /// <summary>Compiled once: asked on every login that issues.</summary>
    private static readonly CompiledQueries<Func<LoginDbContext, string, string, string, CancellationToken, Task<bool?>>> SeenFrom = new(() =>
        EF.CompileAsyncQuery((LoginDbContext db, string normalized, string issued, string agent, CancellationToken _) =>
            db.LoginAudit.AsNoTracking().Where(a => a.UserId == normalized && a.Outcome == issued)
                .Select(a => (bool?)(a.UserAgent == agent)).OrderByDescending(same => same).FirstOrDefault()));

    /// <summary>Removes what no request will honour again (the housekeeping job).</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.RememberedDevices.Where(d => d.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>The housekeeping's part: expired devices leave the table (a scope of its own, as the job's stores are shared).</summary>
public sealed class RememberedDeviceSweep(IServiceScopeFactory scopes) : IExpiringStore
{
    public string Name => "remembered devices";

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RememberedDevices>().PurgeExpiredAsync(cancellationToken);
    }
}
