using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Server.AspNetCore;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>An OpenID Connect error for the app (OpenIddict writes it: to the redirect URI, or as the token endpoint's JSON).</summary>
public static class OidcErrors
{
    public static ForbidHttpResult Forbid(string error, string description) =>
        TypedResults.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
