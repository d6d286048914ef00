using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>The request limits of the embedded default (one process).</summary>
public sealed class InMemoryRequestRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time) : IRequestRateLimiter
{
    private readonly Dictionary<string, int> _perIp = [];
    private long _window = -1;
    private int _global;
    private readonly Lock _gate = new();

    public Task<RequestAllowance> TryAcquireAsync(string clientIp, CancellationToken cancellationToken)
    {
        var window = MinuteWindow.At(time.GetUtcNow());
        lock (_gate)
        {
            if (window.Index != _window)
            {
                // A new minute: last minute's counts are of no use.
                _window = window.Index;
                _global = 0;
                _perIp.Clear();
            }
            var fromIp = _perIp.GetValueOrDefault(clientIp);
            if (fromIp >= options.Value.PerIpPerMinute || _global >= options.Value.GlobalPerMinute)
                return Task.FromResult(new RequestAllowance(false, window.Remaining));
            _perIp[clientIp] = fromIp + 1;
            _global++;
        }
        return Task.FromResult(new RequestAllowance(true, TimeSpan.Zero));
    }
}
