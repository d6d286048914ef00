using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// The certificates that protect the key ring at rest: the configured one (required in Production), or, for the
/// embedded run, one made on the first start and kept in the data folder (owner-readable only).
/// </summary>
public static class KeyRingProtection
{
    public const string GeneratedFileName = "keyring-protection.pfx";

    /// <summary>The certificate new keys are encrypted with, and every one that may decrypt a stored key.</summary>
    public static (X509Certificate2 Current, X509Certificate2[] All) Load(KeyRingOptions options, string dataDirectory, IHostEnvironment environment)
    {
        X509Certificate2 current;
        if (options.CertificatePath is { Length: > 0 } path)
            current = FromFile(path, options.CertificatePassword, "KeyRing:CertificatePath");
        else if (environment.IsProduction())
            throw new InvalidOperationException(
                "KeyRing:CertificatePath is required in Production: the Data Protection key ring (which decrypts TOTP secrets) is stored in the " +
                "database and must be encrypted with a certificate kept outside it. Make one with `openssl req -x509 -newkey rsa:3072 -nodes " +
                "-keyout k.pem -out c.pem -days 3650 -subj /CN=LoginOrchestrator && openssl pkcs12 -export -inkey k.pem -in c.pem -out keyring.pfx` " +
                "and set KeyRing__CertificatePath (and KeyRing__CertificatePassword). See README, Deploy.");
        else
            current = LoadOrCreate(Path.Combine(dataDirectory, GeneratedFileName));
        var previous = options.PreviousCertificatePaths.Select((p, i) => FromFile(p, options.CertificatePassword, $"KeyRing:PreviousCertificatePaths:{i}"));
        return (current, [current, .. previous]);
    }

    private static X509Certificate2 FromFile(string path, string? password, string setting)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"{setting}: no file at '{path}'.");
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException($"{setting}: '{path}' holds no private key; the key ring cannot be decrypted without it.");
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{setting}: '{path}' could not be read as PKCS #12 with the password given ({e.Message}).", e);
        }
    }

    /// <summary>
    /// A self-signed certificate at <paramref name="path"/>, made there if there is none (the embedded run's; tests and
    /// the bench make theirs so). A lost file makes the stored keys, and what they protect, unreadable.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            using var key = RSA.Create(3072);
            var request = new CertificateRequest("CN=LoginOrchestrator key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
            var bytes = made.Export(X509ContentType.Pkcs12);
            // Another instance on the same folder may have made one meanwhile: the first file written wins.
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, options);
                file.Write(bytes);
            }
            catch (IOException) when (File.Exists(path)) { }
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }
}
