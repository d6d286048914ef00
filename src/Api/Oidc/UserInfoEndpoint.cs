using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Api.Oidc;

/// <summary><c>/connect/userinfo</c>: the user's claims the access token's scopes allow, read now.</summary>
public static class UserInfoEndpoint
{
    public static async Task<Results<Ok<Dictionary<string, object>>, ForbidHttpResult>> HandleAsync(HttpContext http, LoginDbContext db)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
            ?? throw new InvalidOperationException("OpenIddict passed an access token it did not validate.");
        var subject = principal.GetClaim(Claims.Subject) ?? "";
        var user = await db.Users.FindEnabledAsync(subject, http.RequestAborted);
        if (user is null) return OidcErrors.Forbid(Errors.InvalidToken, "The user is gone or disabled.");

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.NormalizedUserId };
        if (principal.HasScope(Scopes.Profile)) claims[Claims.Name] = user.Name;
        if (principal.HasScope(Scopes.Email) && user.Email is { } email && user.EmailVerified)
            (claims[Claims.Email], claims[Claims.EmailVerified]) = (email, true);
        if (principal.HasScope(Scopes.Phone) && user.Mobile is { } mobile && user.MobileVerified)
            (claims[Claims.PhoneNumber], claims[Claims.PhoneNumberVerified]) = (mobile, true);
        if (principal.HasScope(Scopes.Roles)) claims[Claims.Role] = new[] { user.Role };
        if (principal.HasScope(OidcClaims.Departments)) claims[OidcClaims.Departments] = user.Departments.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return TypedResults.Ok(claims);
    }
}
