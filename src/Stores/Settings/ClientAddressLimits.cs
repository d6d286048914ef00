using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Stores.Settings;

/// <summary>
/// Which limits an address gets: a known network's (admin settings, read as the settings are now), else the defaults
/// (<c>RateLimits__*</c>). The limiters ask it, so every caller of theirs gets the same answer.
/// </summary>
public sealed class ClientAddressLimits(IOptions<RateLimitOptions> defaults, ILoginPolicySource policies)
{
    public async ValueTask<AddressLimits> ForAsync(string? clientIp, CancellationToken cancellationToken)
    {
        var known = (await policies.GetAsync(cancellationToken)).KnownNetworks;
        var options = defaults.Value;
        return known.Contain(clientIp)
            ? new AddressLimits(known.AttemptsPerMinute, known.FailuresPerHour, known.CodesPerDay, KnownNetwork: true)
            : new AddressLimits(options.PerIpPerMinute, options.FailuresPerIpPerHour, options.CodesPerIpPerDay, KnownNetwork: false);
    }
}
