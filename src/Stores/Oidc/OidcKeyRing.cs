using System.Security.Cryptography;
using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace LoginOrchestrator.Stores.Oidc;

/// <summary>The provider's keys as one instance holds them: the current key of each use first, the others after it.</summary>
public sealed record OidcKeySet(IReadOnlyList<RsaSecurityKey> Signing, IReadOnlyList<RsaSecurityKey> Encryption);

/// <summary>
/// The provider's signing and encryption keys: RSA, one per use and rotation period, in the database with the private
/// part encrypted by the Data Protection key ring, so every instance signs with and publishes the same keys. The key of
/// period n+1 is made and published during period n (apps fetching the JWKS know it before it signs anything); the key
/// of period n-1 stays published and decrypts during period n, so a token issued just before a rotation outlives it
/// (a rotation period is at least a refresh token's lifetime, <see cref="OidcKeyOptions"/>).
/// </summary>
public sealed class OidcKeyRing(IServiceScopeFactory scopes, IDataProtectionProvider dataProtection, TimeProvider time, IOptions<OidcKeyOptions> options)
{
    public const string SigningUse = "sig";
    public const string EncryptionUse = "enc";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("LoginOrchestrator.Oidc.Keys.v1");
    private CancellationTokenSource _changed = new();
    private string _loadedIds = "";

    /// <summary>The keys last loaded; null before the first <see cref="RefreshAsync"/>.</summary>
    public OidcKeySet? Current { get; private set; }

    /// <summary>Fires when a refresh loads another set of keys (the OpenID Connect options are then rebuilt).</summary>
    public IChangeToken Changes => new CancellationChangeToken(_changed.Token);

    public long PeriodOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)TimeSpan.FromDays(options.Value.RotationDays).TotalSeconds;

    /// <summary>Makes the keys of this period and the next where missing, and loads the three periods around now.</summary>
    public async Task<OidcKeySet> RefreshAsync(CancellationToken cancellationToken)
    {
        var period = PeriodOf(time.GetUtcNow());
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        foreach (var use in new[] { SigningUse, EncryptionUse })
        foreach (var p in new[] { period, period + 1 })
            await EnsureAsync(db, use, p, cancellationToken);

        var records = await db.OidcKeys.AsNoTracking()
            .Where(k => k.Period >= period - 1 && k.Period <= period + 1)
            .ToListAsync(cancellationToken);
        // Current first (OpenIddict signs and encrypts with the first key), then the next, then the previous.
        var ordered = records.OrderBy(k => k.Period == period ? 0 : k.Period == period + 1 ? 1 : 2).ToList();
        var set = new OidcKeySet(
            [.. ordered.Where(k => k.Use == SigningUse).Select(ToKey)],
            [.. ordered.Where(k => k.Use == EncryptionUse).Select(ToKey)]);

        var ids = string.Join(',', ordered.Select(k => k.Id));
        Current = set;
        if (ids != _loadedIds)
        {
            _loadedIds = ids;
            var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
            await previous.CancelAsync();
        }
        return set;
    }

    private async Task EnsureAsync(LoginDbContext db, string use, long period, CancellationToken cancellationToken)
    {
        var id = $"{use}-{period}";
        if (await db.OidcKeys.AnyAsync(k => k.Id == id, cancellationToken)) return;
        using var rsa = RSA.Create(2048);
        db.OidcKeys.Add(new OidcKeyRecord
        {
            Id = id,
            Use = use,
            Period = period,
            ProtectedKey = Convert.ToBase64String(_protector.Protect(rsa.ExportPkcs8PrivateKey())),
            CreatedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance made this period's key first: theirs is the one.
            db.ChangeTracker.Clear();
        }
    }

    private RsaSecurityKey ToKey(OidcKeyRecord record)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_protector.Unprotect(Convert.FromBase64String(record.ProtectedKey)), out _);
        return new RsaSecurityKey(rsa) { KeyId = record.Id };
    }
}
