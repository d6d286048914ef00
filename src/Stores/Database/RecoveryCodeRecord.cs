namespace LoginOrchestrator.Stores.Database;

/// <summary>A single-use recovery code, stored as a SHA-256 hash.</summary>
public sealed class RecoveryCodeRecord
{
    public long Id { get; set; }
    public required string NormalizedUserId { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
