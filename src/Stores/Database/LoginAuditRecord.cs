namespace LoginOrchestrator.Stores.Database;

/// <summary>One terminal outcome of a login flow.</summary>
public sealed class LoginAuditRecord
{
    public long Id { get; set; }
    public required string FlowId { get; set; }
    public string? UserId { get; set; }

    /// <summary>Issued, Failed, Locked or Expired.</summary>
    public required string Outcome { get; set; }

    /// <summary>Factors proven, comma-separated (api.md names).</summary>
    public string Factors { get; set; } = "";
    public bool Degraded { get; set; }
    public string? Reason { get; set; }
    public string? ClientIp { get; set; }
    public string? UserAgent { get; set; }
    public DateTimeOffset At { get; set; }
}
