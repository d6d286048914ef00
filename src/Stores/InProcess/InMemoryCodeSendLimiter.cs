using System.Collections.Concurrent;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Settings;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>The daily caps of the embedded default (one process).</summary>
public sealed class InMemoryCodeSendLimiter(IOptions<RateLimitOptions> options, ClientAddressLimits addresses, TimeProvider time) : ICodeSendLimiter
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly Lock _gate = new();

    public async Task<SendAllowance> TryAcquireAsync(string userId, string target, string? clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var perIp = (await addresses.ForAsync(clientIp, cancellationToken)).CodesPerDay;
        var caps = DailyCaps.For(userId, target, clientIp, options.Value, perIp, now);
        lock (_gate)
        {
            if (caps.Where(c => _counts.GetValueOrDefault(c.Counter) >= c.Cap).Select(c => c.Limit).FirstOrDefault() is { } full)
                return new SendAllowance(false, DailyCaps.UntilTomorrow(now), full);
            foreach (var (counter, _, _) in caps) _counts.AddOrUpdate(counter, 1, (_, n) => n + 1);
            // Yesterday's counters are of no use: drop them as a new day starts.
            var today = caps[0].Counter[^8..];
            foreach (var stale in _counts.Keys.Where(k => !k.EndsWith(today, StringComparison.Ordinal))) _counts.TryRemove(stale, out _);
        }
        return SendAllowance.Granted;
    }

    public Task ResetAsync(string userId, IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        lock (_gate)
            foreach (var counter in DailyCaps.OfUser(userId, targets, time.GetUtcNow())) _counts.TryRemove(counter, out _);
        return Task.CompletedTask;
    }
}
