namespace LoginOrchestrator.Stores.Database;

/// <summary>
/// A registered passkey. Keyed by the SHA-256 of its credential id: ids may be up to 1023 bytes, longer than an index
/// takes; the id itself is kept beside it.
/// </summary>
public sealed class PasskeyRecord
{
    /// <summary>SHA-256 of the credential id, base64url (43 characters).</summary>
    public required string IdHash { get; set; }
    public required byte[] CredentialId { get; set; }
    public required string NormalizedUserId { get; set; }
    public required byte[] UserHandle { get; set; }
    /// <summary>The COSE public key as the authenticator gave it.</summary>
    public required byte[] PublicKey { get; set; }
    public long SignCount { get; set; }
    /// <summary>usb, nfc, ble, internal, hybrid: comma-separated.</summary>
    public string Transports { get; set; } = "";
    public Guid Aaguid { get; set; }
    public required string Name { get; set; }
    public bool BackedUp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
