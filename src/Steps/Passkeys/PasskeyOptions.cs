using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Steps.Passkeys;

/// <summary>
/// Section <c>WebAuthn</c>: the relying party passkeys are made for. A passkey is bound to <see cref="RpId"/> (a domain)
/// and answers only pages of <see cref="Origins"/>: a phishing page elsewhere gets nothing it can use.
/// </summary>
public sealed class PasskeyOptions : IValidatableObject
{
    public const string Section = "WebAuthn";

    /// <summary>The relying party id: the domain of the login pages, or one it belongs to (<c>corp.example</c> for <c>login.corp.example</c>).</summary>
    [Required]
    public string RpId { get; set; } = "localhost";

    /// <summary>The name an authenticator shows beside the passkey.</summary>
    [Required]
    public string RpName { get; set; } = "LoginOrchestrator";

    /// <summary>The origins (scheme, host, port) of the pages that run the ceremonies; <c>http://localhost:5080</c> (the dev run) when none.</summary>
    /// <remarks>Empty by default: the binder appends configured arrays to initial ones.</remarks>
    public List<string> Origins { get; set; } = [];

    public IReadOnlySet<string> EffectiveOrigins => Origins.Count > 0 ? Origins.ToHashSet(StringComparer.Ordinal) : new HashSet<string> { "http://localhost:5080" };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in EffectiveOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/" || origin.EndsWith('/'))
                yield return new($"WebAuthn:Origins: '{origin}' is not an origin (scheme://host[:port], no path).", [nameof(Origins)]);
            else if (!(uri.Host == RpId || uri.Host.EndsWith("." + RpId, StringComparison.Ordinal)))
                yield return new($"WebAuthn:Origins: '{origin}' is not on the relying party id '{RpId}' or a subdomain of it.", [nameof(Origins)]);
            else if (uri.Scheme == "http" && uri.Host != "localhost")
                yield return new($"WebAuthn:Origins: '{origin}': browsers run WebAuthn over http only on localhost.", [nameof(Origins)]);
        }
    }
}
