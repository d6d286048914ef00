using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Api.Outbox;

/// <summary>The flows' outbox drainer (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Messages left this long ago and still there are taken from the Redis index (their instance died, or missed them).</summary>
    [Range(1, 3600)]
    public int RecoverAfterSeconds { get; set; } = 10;

    /// <summary>How long this instance waits before draining what it just saved (0: at once). Larger batches, later sends.</summary>
    [Range(0, 600_000)]
    public int DrainDelayMilliseconds { get; set; }

    /// <summary>Flows drained together: one audit write and their enqueues per batch.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;
}
