using System.ComponentModel.DataAnnotations;
using System.Net;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Section <c>Proxy</c>: the load balancers whose <c>X-Forwarded-For</c> names the client.</summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxy";

    /// <summary>CIDR networks, e.g. <c>10.0.0.0/8</c>. None: the connection's own address is the client, whatever a header says.</summary>
    public string[] TrustedNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => new ValidationResult($"'{n}' is not a network in CIDR form (e.g. 10.0.0.0/8).", [nameof(TrustedNetworks)]));
}
