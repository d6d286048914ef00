using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>
/// Section <c>RateLimits</c>: the limits every client address is held to (README "Configuration" has the arithmetic
/// behind each default). Addresses in a known network (setting <c>rate_limits.known_networks</c>) have their own.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Attempts from one client address per minute: login flows created and wrong answers (password, code, TOTP, recovery
    /// code, passkey). Reads of a flow and right answers do not count. 150: a 500-person office behind one address whose
    /// people all sign in within 5 minutes of 9:00 makes about 120.
    /// </summary>
    [Range(1, 10_000_000)]
    public int PerIpPerMinute { get; set; } = 150;

    /// <summary>
    /// Wrong answers from one client address per hour: what guessing across many accounts needs. 300: that office makes
    /// about 100 in its first hour; a guesser gets 300 tries an hour however many accounts it spreads them over.
    /// </summary>
    [Range(1, 10_000_000)]
    public int FailuresPerIpPerHour { get; set; } = 300;

    /// <summary>Requests to <c>/login/*</c> from everyone together per minute, per instance: a ceiling on what a botnet of many addresses can try.</summary>
    [Range(1, 100_000_000)]
    public int GlobalPerMinute { get; set; } = 6_000;

    /// <summary>Codes one user may be sent per UTC day.</summary>
    [Range(1, 10_000)]
    public int CodesPerUserPerDay { get; set; } = 20;

    /// <summary>Codes one email address or phone number may be sent per UTC day.</summary>
    [Range(1, 10_000)]
    public int CodesPerTargetPerDay { get; set; } = 10;

    /// <summary>Codes sent for requests from one client address per UTC day. 1 000: that office's 500 people each get one, some twice.</summary>
    [Range(1, 1_000_000)]
    public int CodesPerIpPerDay { get; set; } = 1_000;
}
