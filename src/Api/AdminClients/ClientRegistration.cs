using System.Text.RegularExpressions;
using LoginOrchestrator.Api.Oidc;
using LoginOrchestrator.Api.Problems;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Api.AdminClients;

/// <summary>What makes a registration acceptable: redirect URIs matched exactly, so each must be a full URI as the app sends it.</summary>
public static partial class ClientRegistration
{
    public const string Public = "public";
    public const string Confidential = "confidential";
    public const int MaxUris = 10;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")]
    private static partial Regex ClientIdPattern();

    /// <summary>The refusal of a request's fields, or null; <paramref name="creating"/> also checks the id and the type.</summary>
    public static Refusal? Check(ClientRequest body, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && (body.ClientId is null || !ClientIdPattern().IsMatch(body.ClientId)))
            errors["clientId"] = ["3-64 letters, digits, '.', '_' or '-', starting with a letter or digit."];
        if (creating && body.Type is not (Public or Confidential))
            errors["type"] = [$"Must be one of: {Public}, {Confidential}."];
        if (string.IsNullOrWhiteSpace(body.DisplayName) || body.DisplayName.Length > 100)
            errors["displayName"] = ["1-100 characters."];
        if (body.RedirectUris is not { Count: > 0 } redirects || redirects.Count > MaxUris || !redirects.All(IsRedirectUri))
            errors["redirectUris"] = [$"1-{MaxUris} absolute https URIs (http only on localhost), without a fragment."];
        if (body.PostLogoutRedirectUris is { } logouts && (logouts.Count > MaxUris || !logouts.All(IsRedirectUri)))
            errors["postLogoutRedirectUris"] = [$"At most {MaxUris} absolute https URIs (http only on localhost), without a fragment."];
        if (body.Scopes is not { } scopes || !scopes.Contains(Scopes.OpenId) || !scopes.All(OidcScopes.All.Contains))
            errors["scopes"] = [$"Must include openid; each one of: {string.Join(", ", OidcScopes.All)}."];
        return errors.Count == 0 ? null : Refusal.Invalid("The client registration is not valid.", errors);
    }

    /// <summary>
    /// An exact, absolute URI: https, or http on a loopback host (a developer's app). A fragment would be dropped by the
    /// browser; a wildcard or a prefix is never a redirect URI.
    /// </summary>
    public static bool IsRedirectUri(string value) =>
        value.Length <= 512
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Fragment) && !value.Contains('#') && !value.Contains('*')
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
