using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography.X509Certificates;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Point 9: TOTP secrets encrypted with Data Protection on a key ring every instance shares; recovery codes hashed.</summary>
public sealed class SecretsAtRestTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task TheTotpSecretIsStoredEncryptedAndAnotherInstanceCanReadIt()
    {
        await factory.AddUserAsync("atrest", "atrest-Pass-123");
        var token = (await _client.LoginAsync("atrest", "atrest-Pass-123")).Token!;
        var started = await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, token);
        var base32 = started.Body.GetProperty("secret").GetString()!;
        var secret = TotpSecrets.FromBase32(base32);
        await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp/confirm",
            System.Net.Http.Json.JsonContent.Create(new { code = factory.TotpCode(secret) }), token);

        var stored = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserId == "atrest"));
        stored.TotpEnabled.Should().BeTrue();
        stored.ProtectedTotpSecret.Should().NotBeNull().And.NotContain(base32).And.NotContain(Convert.ToBase64String(secret));
        (await factory.WithDbAsync(db => db.DataProtectionKeys.CountAsync())).Should().BeGreaterThan(0, "the key ring lives in the database");

        // Another instance: its own Data Protection system over the same database key ring, with the key ring's certificate.
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(TestServices.KeyRingCertificate, password: null);
        await using var other = OtherInstance(certificate);
        var protector = new TotpSecretProtector(other.GetRequiredService<IDataProtectionProvider>());
        protector.Unprotect(stored.ProtectedTotpSecret!).Should().Equal(secret);
    }

    /// <summary>Issue 24.3: the key ring is stored encrypted with a certificate kept outside the database.</summary>
    [Fact]
    public async Task ADatabaseDumpAloneDecryptsNoTotpSecret()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("dumped", "dumped-Pass-123", totpSecret: secret);
        var stored = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserId == "dumped"));
        var ring = await factory.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
        ring.Should().NotBeEmpty().And.AllSatisfy(xml => xml.Should().Contain("EncryptedData").And.NotContain("<masterKey"),
            "every stored key is encrypted, its master key nowhere in the clear");

        // Everything the database holds, and nothing else: the key ring as read from it.
        await using var dumpOnly = OtherInstance(certificate: null);
        var protector = new TotpSecretProtector(dumpOnly.GetRequiredService<IDataProtectionProvider>());

        protector.Invoking(p => p.Unprotect(stored.ProtectedTotpSecret!)).Should().Throw<System.Security.Cryptography.CryptographicException>();
    }

    [Fact]
    public async Task RecoveryCodesAreStoredOnlyAsHashes()
    {
        await factory.AddUserAsync("hashedcodes", "hashedcodes-Pass-1");
        var token = (await _client.LoginAsync("hashedcodes", "hashedcodes-Pass-1")).Token!;
        var started = await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, token);
        var secret = TotpSecrets.FromBase32(started.Body.GetProperty("secret").GetString()!);
        var codes = (await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp/confirm",
                System.Net.Http.Json.JsonContent.Create(new { code = factory.TotpCode(secret) }), token))
            .Body.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();

        var rows = await factory.WithDbAsync(db => db.RecoveryCodes.AsNoTracking().Where(c => c.NormalizedUserId == "hashedcodes").ToListAsync());

        rows.Should().HaveCount(10);
        rows.Should().AllSatisfy(r => r.CodeHash.Should().MatchRegex("^[0-9A-F]{64}$"));
        rows.Select(r => r.CodeHash).Should().NotIntersectWith(codes.Select(c => c.ToUpperInvariant().Replace("-", "")));
    }

    /// <param name="certificate">The key ring's certificate, or null for what a database dump alone gives.</param>
    private ServiceProvider OtherInstance(X509Certificate2? certificate)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<LoginDbContext, MySqlLoginDbContext>(options =>
            options.UseMySql(factory.DatabaseConnection, ServerVersion.AutoDetect(factory.DatabaseConnection)));
        var dataProtection = services.AddDataProtection().SetApplicationName("LoginOrchestrator").PersistKeysToDbContext<LoginDbContext>();
        if (certificate is not null) dataProtection.UnprotectKeysWithAnyCertificate(certificate);
        return services.BuildServiceProvider();
    }
}
