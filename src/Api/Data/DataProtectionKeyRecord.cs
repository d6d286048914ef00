namespace LoginOrchestrator.Api.Data;

/// <summary>One key of ASP.NET Core Data Protection's key ring, as XML.</summary>
public sealed class DataProtectionKeyRecord
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
