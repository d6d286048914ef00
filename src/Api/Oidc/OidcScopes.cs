using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>The scopes a client may be allowed (each brings its claims, <see cref="OidcClaims"/>).</summary>
public static class OidcScopes
{
    public static readonly IReadOnlyList<string> All =
        [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Phone, Scopes.Roles, OidcClaims.Departments, Scopes.OfflineAccess];
}
