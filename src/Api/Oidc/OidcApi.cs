namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// The endpoints OpenIddict passes on after its own checks; discovery, JWKS, introspection and revocation it answers
/// itself. Not under <c>/api/v1</c>: their paths and forms are the protocol's.
/// </summary>
public static class OidcApi
{
    public static IEndpointRouteBuilder MapOidc(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("OpenID Connect").ExcludeFromDescription();
        group.MapMethods(OidcEndpoints.Authorize, [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.HandleAsync).DisableAntiforgery();
        group.MapPost(OidcEndpoints.Token, TokenEndpoint.HandleAsync).DisableAntiforgery();
        group.MapMethods(OidcEndpoints.UserInfo, [HttpMethods.Get, HttpMethods.Post], UserInfoEndpoint.HandleAsync).DisableAntiforgery();
        group.MapMethods(OidcEndpoints.EndSession, [HttpMethods.Get, HttpMethods.Post], EndSessionEndpoint.HandleAsync).DisableAntiforgery();
        return routes;
    }
}
