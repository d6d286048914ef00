using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Api.Configuration;

/// <summary>Section <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Codes one user may be sent per UTC day.</summary>
    [Range(1, 10_000)]
    public int CodesPerUserPerDay { get; set; } = 20;

    /// <summary>Codes one email address or phone number may be sent per UTC day.</summary>
    [Range(1, 10_000)]
    public int CodesPerTargetPerDay { get; set; } = 10;

    /// <summary>Codes sent for requests from one client IP per UTC day.</summary>
    [Range(1, 1_000_000)]
    public int CodesPerIpPerDay { get; set; } = 50;
}
