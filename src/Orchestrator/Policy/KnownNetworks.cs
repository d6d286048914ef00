using System.Net;

namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>
/// Settings <c>rate_limits.known_networks</c> and its limits: networks an admin vouches for (an office's NAT address, a
/// VPN's egress) whose addresses are each held to these higher limits instead of the defaults.
/// </summary>
public sealed record KnownNetworks(IReadOnlyList<IPNetwork> Networks, int AttemptsPerMinute, int FailuresPerHour, int CodesPerDay)
{
    public static KnownNetworks None { get; } = new([], 1_500, 3_000, 10_000);

    public bool Contain(string? clientIp) =>
        Networks.Count > 0 && IPAddress.TryParse(clientIp, out var address) && Networks.Any(n => n.Contains(Unmapped(address)));

    /// <summary>An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d; the admin wrote a.b.c.d/n.</summary>
    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
