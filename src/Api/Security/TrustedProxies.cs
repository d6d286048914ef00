using LoginOrchestrator.Api.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Security;

/// <summary>
/// The client IP that rate limits, code caps and the audit see: the connection's address, or, behind a
/// configured proxy, the address that proxy reports. Nobody else's <c>X-Forwarded-For</c> is believed,
/// not even loopback's (the framework's default), so a client cannot pick its own bucket. Behind a TLS proxy whose
/// <c>X-Forwarded-Proto</c> is believed, answers tell browsers to keep to https (HSTS).
/// </summary>
public static class TrustedProxies
{
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            // With both lists empty the framework would believe every peer: no trusted network, no forwarding at all.
            forwarded.ForwardedHeaders = proxy.Value.TrustedNetworks.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in proxy.Value.TrustedNetworks)
                if (System.Net.IPNetwork.TryParse(network, out var parsed)) forwarded.KnownIPNetworks.Add(parsed);
            // Walk back through every trusted hop; the first untrusted address is the client.
            forwarded.ForwardLimit = null;
        });
        // Sent only on https answers, and (the framework's rule) never for localhost, so a developer's browser is not pinned.
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }
}
