using System.Security.Claims;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// <c>/connect/token</c> for a code or a refresh token OpenIddict has already checked (client, PKCE, one-time use,
/// rotation). A grant lives no longer than its session: the session and the user are looked up on every exchange, and
/// the claims are taken anew from them (a renamed user, a lost role shows at the next refresh).
/// </summary>
public static class TokenEndpoint
{
    public static async Task<Results<SignInHttpResult, ForbidHttpResult>> HandleAsync(HttpContext http, SessionService sessions, LoginDbContext db)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
            return OidcErrors.Forbid(Errors.UnsupportedGrantType, "Only the authorization code and refresh token grants are served.");

        var cancellation = http.RequestAborted;
        var granted = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
            ?? throw new InvalidOperationException("OpenIddict passed a grant it did not validate.");
        var session = granted.GetClaim(OidcClaims.SessionTokenHash) is { } hash ? await sessions.FindLiveAsync(hash, cancellation) : null;
        var user = session is null ? null : await db.Users.FindEnabledAsync(session.UserId, cancellation);
        if (session is null || user is null || user.NormalizedUserId != granted.GetClaim(Claims.Subject))
            return OidcErrors.Forbid(Errors.InvalidGrant, "The session this grant came from has ended.");

        var identity = OidcClaims.For(session, user, granted.GetScopes());
        // What OpenIddict keeps about the grant (its authorization, the nonce, resources…) goes on, the user's claims are fresh.
        foreach (var claim in granted.Claims.Where(c => !OidcClaims.Supported.Contains(c.Type) && c.Type != OidcClaims.SessionTokenHash && !identity.HasClaim(c.Type, c.Value)))
            identity.AddClaim(claim.Clone());
        identity.SetDestinations(OidcClaims.DestinationsOf);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
