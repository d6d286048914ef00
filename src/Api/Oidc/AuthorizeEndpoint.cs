using System.Security.Claims;
using System.Text.Json;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// <c>/connect/authorize</c>, after OpenIddict has checked the client, its redirect URI, scopes and PKCE. The flow engine
/// stays the one place a login happens: without a live session (or when <c>prompt=login</c> or <c>max_age</c> asks for a
/// fresh one) the browser goes through the login page and comes back here; with one, the app gets its code.
/// </summary>
public static class AuthorizeEndpoint
{
    public static async Task<Results<SignInHttpResult, RedirectHttpResult, ForbidHttpResult, ContentHttpResult>> HandleAsync(
        HttpContext http, SsoCookie sso, SessionService sessions, LoginDbContext db, IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations, TimeProvider time)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cancellation = http.RequestAborted;
        var session = sso.Read(http) is { } hash ? await sessions.FindLiveAsync(hash, cancellation) : null;
        var user = session is null ? null : await db.Users.FindEnabledAsync(session.UserId, cancellation);

        if (user is null || NeedsFreshLogin(request, session!, time.GetUtcNow()))
        {
            if (request.HasPromptValue(PromptValues.None))
                return OidcErrors.Forbid(Errors.LoginRequired, "The user is not signed in, and prompt=none forbids asking.");
            return TypedResults.Redirect("/?returnTo=" + Uri.EscapeDataString(ReturnPath(http, request)));
        }
        if (session!.RequiredActions.Count > 0)
            return OidcErrors.Forbid(Errors.InteractionRequired, "The account must first finish what it is required to do (enrol TOTP at /account/).");

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellation)
            ?? throw new InvalidOperationException("OpenIddict passed a client it did not find.");
        var applicationId = await applications.GetIdAsync(application, cancellation);
        var scopes = request.GetScopes();

        if (await applications.GetConsentTypeAsync(application, cancellation) != ConsentTypes.Implicit)
        {
            var consented = await authorizations.FindAsync(user.NormalizedUserId, applicationId!, Statuses.Valid, AuthorizationTypes.Permanent, scopes, cancellation)
                .AnyAsync(cancellation);
            if (!consented)
            {
                var answer = http.Request.HasFormContentType ? http.Request.Form[ConsentPage.AnswerField].ToString() : "";
                if (answer == ConsentPage.Deny) return OidcErrors.Forbid(Errors.AccessDenied, "The user did not allow the app.");
                if (request.HasPromptValue(PromptValues.None))
                    return OidcErrors.Forbid(Errors.ConsentRequired, "The user has not allowed this app yet, and prompt=none forbids asking.");
                if (answer != ConsentPage.Allow)
                    return ConsentPage.Render(http, await applications.GetLocalizedDisplayNameAsync(application, cancellation) ?? request.ClientId!, scopes, request);
                await authorizations.CreateAsync(Grant(applicationId, user, AuthorizationTypes.Permanent, scopes, time), cancellation);
            }
        }

        var identity = OidcClaims.For(session, user, scopes);
        // One authorization per session and app: the session's end revokes it, and every token made from it.
        var descriptor = Grant(applicationId, user, AuthorizationTypes.AdHoc, scopes, time);
        descriptor.Properties[OidcSessionGrants.SessionProperty] = JsonSerializer.SerializeToElement(SessionIds.Of(session.TokenHash));
        var grant = await authorizations.CreateAsync(descriptor, cancellation);
        identity.SetAuthorizationId(await authorizations.GetIdAsync(grant, cancellation));
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static OpenIddictAuthorizationDescriptor Grant(
        string? applicationId, UserAccount user, string type, IEnumerable<string> scopes, TimeProvider time)
    {
        var descriptor = new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = applicationId, Subject = user.NormalizedUserId, Type = type, Status = Statuses.Valid, CreationDate = time.GetUtcNow(),
        };
        descriptor.Scopes.UnionWith(scopes);
        return descriptor;
    }

    private static bool NeedsFreshLogin(OpenIddictRequest request, SessionRecord session, DateTimeOffset now)
    {
        if (request.HasPromptValue(PromptValues.Login)) return true;
        return request.MaxAge is { } maxAge && now - session.IssuedAt > TimeSpan.FromSeconds(maxAge);
    }

    /// <summary>
    /// This request as a local GET path (a POSTed one too), for the login page's <c>returnTo</c>. Without <c>prompt</c>
    /// and <c>max_age</c>: the login it comes back from is the fresh one they asked for, and <c>auth_time</c> shows it.
    /// </summary>
    private static string ReturnPath(HttpContext http, OpenIddictRequest request)
    {
        var parameters = OidcRequestParameters.Flatten(request, Parameters.Prompt, Parameters.MaxAge, ConsentPage.AnswerField);
        return http.Request.PathBase.Add(OidcEndpoints.Authorize) + QueryString.Create(parameters).ToString();
    }
}
