using System.Collections.Concurrent;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>The last hour's refusals of the embedded default (one process), by minute.</summary>
public sealed class InMemoryRateLimitRefusals(TimeProvider time) : IRateLimitRefusals
{
    private readonly ConcurrentDictionary<(long Minute, string Field), int> _counts = new();

    public Task RecordAsync(RateLimitRefusal refusal, CancellationToken cancellationToken)
    {
        var minute = MinuteWindow.At(time.GetUtcNow()).Index;
        _counts.AddOrUpdate((minute, RefusalField.Of(refusal)), 1, (_, n) => n + 1);
        foreach (var stale in _counts.Keys.Where(k => k.Minute <= minute - 60)) _counts.TryRemove(stale, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RateLimitRefusalCount>> LastHourAsync(CancellationToken cancellationToken)
    {
        var now = MinuteWindow.At(time.GetUtcNow()).Index;
        return Task.FromResult(RefusalField.Sum(_counts.Where(c => c.Key.Minute > now - 60).Select(c => (c.Key.Minute, c.Key.Field, c.Value))));
    }
}
