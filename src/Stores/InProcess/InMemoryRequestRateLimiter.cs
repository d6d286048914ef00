using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Settings;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>The request limits of the embedded default (one process): the same windows as in Redis, in memory.</summary>
public sealed class InMemoryRequestRateLimiter(IOptions<RateLimitOptions> options, ClientAddressLimits addresses, TimeProvider time)
    : IRequestRateLimiter
{
    private readonly InstanceWindow _global = new();
    private readonly Dictionary<(string Ip, long Minute), int> _attempts = [];
    private readonly Dictionary<(string Ip, long Hour), int> _failures = [];
    private readonly Lock _gate = new();
    private long _sweptAt = -1;

    public async Task<RequestAllowance> TryAcquireAsync(string clientIp, bool countsAsAttempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (minute, hour) = (MinuteWindow.At(now), HourWindow.At(now));
        var limits = await addresses.ForAsync(clientIp, cancellationToken);
        if (!_global.TryTake(minute.Index, options.Value.GlobalPerMinute)) return new RequestAllowance(false, minute.Remaining, RateLimitKinds.Global);
        lock (_gate)
        {
            Forget(minute.Index, hour.Index);
            string? refused = _failures.GetValueOrDefault((clientIp, hour.Index)) >= limits.FailuresPerHour ? RateLimitKinds.FailuresPerIp
                : _attempts.GetValueOrDefault((clientIp, minute.Index)) >= limits.AttemptsPerMinute ? RateLimitKinds.AttemptsPerIp
                : null;
            if (refused is not null)
            {
                _global.GiveBack(minute.Index);
                return new RequestAllowance(false, refused == RateLimitKinds.FailuresPerIp ? hour.Remaining : minute.Remaining, refused);
            }
            if (countsAsAttempt) _attempts[(clientIp, minute.Index)] = _attempts.GetValueOrDefault((clientIp, minute.Index)) + 1;
        }
        return new RequestAllowance(true, TimeSpan.Zero);
    }

    public Task CountFailureAsync(string clientIp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (minute, hour) = (MinuteWindow.At(now).Index, HourWindow.At(now).Index);
        lock (_gate)
        {
            _attempts[(clientIp, minute)] = _attempts.GetValueOrDefault((clientIp, minute)) + 1;
            _failures[(clientIp, hour)] = _failures.GetValueOrDefault((clientIp, hour)) + 1;
        }
        return Task.CompletedTask;
    }

    /// <summary>Past windows' counts are of no use: dropped once a minute.</summary>
    private void Forget(long minute, long hour)
    {
        if (minute == _sweptAt) return;
        _sweptAt = minute;
        foreach (var stale in _attempts.Keys.Where(k => k.Minute < minute).ToList()) _attempts.Remove(stale);
        foreach (var stale in _failures.Keys.Where(k => k.Hour < hour).ToList()) _failures.Remove(stale);
    }
}
