namespace LoginOrchestrator.Stores.Database;

/// <summary>A named service credential: its secret only as a SHA-256 hash, its scopes, who made it, until when.</summary>
public sealed class ApiKeyRecord
{
    /// <summary>The public id, the key's prefix after <c>lok_</c>: found by it, then the secret is compared.</summary>
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string SecretHash { get; set; }

    /// <summary>Comma-separated (<c>metrics:read,audit:read</c>).</summary>
    public required string Scopes { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
