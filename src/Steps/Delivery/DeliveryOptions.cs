using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Section <c>Delivery</c>: how often, and how far apart, a failed send is tried again, per channel.</summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string Section = "Delivery";

    /// <summary>The <c>app_name</c> of the messages: <c>Login__AppName</c>, copied here when the options are built.</summary>
    public string AppName { get; set; } = "LoginOrchestrator";

    /// <summary>
    /// Delays before each retry, in seconds, per channel: <c>[2, 10]</c> means three tries in all.
    /// A code lives minutes, so the policy is short; no retry is scheduled past the code's expiry.
    /// </summary>
    /// <remarks>Empty by default: the binder appends configured arrays to initial ones, so defaults live in <see cref="RetryDelays"/>.</remarks>
    public Dictionary<string, double[]> RetryDelaysSeconds { get; set; } = [];

    /// <summary>
    /// The most one try may take, connection and all: a server that accepts and never answers costs this, not MailKit's
    /// per-read time-outs over and over. At most 20 s: a job fetched longer than 30 s ago is taken for orphaned.
    /// </summary>
    [Range(1, 20)]
    public int SendTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Workers that only send codes, apart from the clean-up's: a stalled channel cannot hold housekeeping up. Each send
    /// mostly waits on the mail server: a burst of 50 code requests reached the mailbox at p99 777 ms with 10 workers and
    /// 494 ms with 40 (docs/performance.md).
    /// </summary>
    [Range(1, 100)]
    public int Workers { get; set; } = 40;

    /// <summary>Two retries, 2 s and 10 s after the failures, unless the channel is configured.</summary>
    public static IReadOnlyList<double> DefaultRetryDelaysSeconds { get; } = [2, 10];

    public IReadOnlyList<TimeSpan> RetryDelays(string channel) =>
        [.. (RetryDelaysSeconds.TryGetValue(channel, out var delays) ? delays : DefaultRetryDelaysSeconds).Select(TimeSpan.FromSeconds)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (channel, delays) in RetryDelaysSeconds)
            if (delays.Length > 10 || delays.Any(d => d is <= 0 or > 600))
                yield return new ValidationResult($"Delivery:RetryDelaysSeconds:{channel} takes at most 10 delays of 0–600 s.");
    }
}
