namespace LoginOrchestrator.Stores.Database;

/// <summary>A remembered device: its token only as a SHA-256 hash, under the session epoch it was remembered in.</summary>
public sealed class RememberedDeviceRecord
{
    /// <summary>The public id of its lists and revocation (random, unrelated to the token).</summary>
    public required string Id { get; set; }
    public required string TokenHash { get; set; }
    public required string NormalizedUserId { get; set; }
    public int Epoch { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastUsedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? ClientIp { get; set; }
    public string? UserAgent { get; set; }
}
