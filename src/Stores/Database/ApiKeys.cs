using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Stores.Database;

/// <summary>A key just made: the whole key is shown once, here, and never again.</summary>
public sealed record IssuedApiKey(ApiKeyRecord Record, string Key);

/// <summary>
/// Service credentials (Prometheus, an audit shipper): <c>lok_&lt;id&gt;_&lt;secret&gt;</c>, 256 random bits of secret
/// stored as SHA-256. A key is good until it expires or is revoked; its use is noted (at most once a minute).
/// </summary>
public sealed class ApiKeys(LoginDbContext db, TimeProvider time)
{
    public const string Prefix = "lok_";
    public const string MetricsRead = "metrics:read";
    public const string AuditRead = "audit:read";
    public const string UsersRead = "users:read";

    /// <summary>Characters of a key's id (9 random bytes, base64url).</summary>
    private const int IdLength = 12;

    public static IReadOnlyList<string> AllScopes { get; } = [MetricsRead, AuditRead, UsersRead];

    public async Task<IssuedApiKey> CreateAsync(string name, IReadOnlyList<string> scopes, TimeSpan lifetime, string createdBy, CancellationToken cancellationToken)
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var record = new ApiKeyRecord
        {
            Id = id, Name = name, SecretHash = HashOf(secret), Scopes = string.Join(',', scopes), CreatedBy = createdBy,
            CreatedAt = now, ExpiresAt = now + lifetime,
        };
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(record, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The live key this string is, or null (malformed, unknown, wrong secret, expired, revoked).</summary>
    public async Task<ApiKeyRecord?> ValidateAsync(string key, CancellationToken cancellationToken)
    {
        if (key.Length > 128 || !key.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        // The id is 12 base64url characters, which may hold '_' themselves: read it by length, not by splitting.
        var rest = key[Prefix.Length..];
        if (rest.Length <= IdLength + 1 || rest[IdLength] != '_') return null;
        var (id, secret) = (rest[..IdLength], rest[(IdLength + 1)..]);
        var record = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        var now = time.GetUtcNow();
        if (record is null || record.RevokedAt is not null || now >= record.ExpiresAt) return null;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(secret)), Encoding.ASCII.GetBytes(record.SecretHash))) return null;
        if (record.LastUsedAt is not { } used || now - used > TimeSpan.FromMinutes(1))
        {
            record.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return record;
    }

    public Task<List<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Null when there is no live key of this id.</summary>
    public async Task<ApiKeyRecord?> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var record = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        if (record is null) return null;
        record.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    private static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
