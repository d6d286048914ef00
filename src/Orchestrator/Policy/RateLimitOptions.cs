using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>Section <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests to <c>/login/*</c> from one client IP per minute (api.md).</summary>
    [Range(1, 10_000_000)]
    public int PerIpPerMinute { get; set; } = 60;

    /// <summary>Requests to <c>/login/*</c> from everyone together per minute: a ceiling on what a botnet of many IPs can try.</summary>
    [Range(1, 100_000_000)]
    public int GlobalPerMinute { get; set; } = 6_000;

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
