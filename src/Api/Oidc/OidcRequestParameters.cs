using OpenIddict.Abstractions;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>A request's parameters one value at a time, to carry it on: into a URL, or a form's hidden fields.</summary>
public static class OidcRequestParameters
{
    public static IEnumerable<KeyValuePair<string, string?>> Flatten(OpenIddictRequest request, params string[] except) =>
        request.GetParameters()
            .Where(p => !except.Contains(p.Key))
            .SelectMany(p => ((Microsoft.Extensions.Primitives.StringValues?)p.Value ?? default).Select(v => new KeyValuePair<string, string?>(p.Key, v)));
}
