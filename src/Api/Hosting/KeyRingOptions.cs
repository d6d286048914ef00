namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// Section <c>KeyRing</c>: the certificate that encrypts the Data Protection key ring where it is stored (the database,
/// beside the TOTP secrets and messages it protects), so a dump of the database alone decrypts nothing.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "KeyRing";

    /// <summary>A PKCS #12 file (.pfx) with its private key, kept outside the database. Required in Production.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Certificates that encrypted keys before the current one: kept until those keys have expired (rotation).</summary>
    /// <remarks>Empty by default: the binder appends configured arrays to initial ones.</remarks>
    public List<string> PreviousCertificatePaths { get; set; } = [];
}
