namespace LoginOrchestrator.Stores.Database;

/// <summary>A random server secret, encrypted with the Data Protection key ring, shared by every instance.</summary>
public sealed class ServerSecretRecord
{
    public required string Name { get; set; }
    public required string ProtectedValue { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
