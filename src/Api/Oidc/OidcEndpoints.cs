namespace LoginOrchestrator.Api.Oidc;

/// <summary>Where the OpenID Connect provider answers; discovery (<c>/.well-known/openid-configuration</c>) lists them.</summary>
public static class OidcEndpoints
{
    public const string Authorize = "/connect/authorize";
    public const string Token = "/connect/token";
    public const string UserInfo = "/connect/userinfo";
    public const string EndSession = "/connect/logout";
    public const string Introspection = "/connect/introspect";
    public const string Revocation = "/connect/revoke";
    public const string Jwks = "/.well-known/jwks";
}
