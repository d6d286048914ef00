using System.Text;
using System.Text.Encodings.Web;
using LoginOrchestrator.Stores.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// <c>/connect/logout</c> (RP-initiated logout): ends the browser's session here, and so every app's refresh token made
/// from it, then returns to the app's registered post-logout URI (OpenIddict checks it). A plain link without an
/// <c>id_token_hint</c> could log anyone out from another site, so it is asked first; a cross-site POST carries no
/// SSO cookie and ends nothing.
/// </summary>
public static class EndSessionEndpoint
{
    private const string ConfirmField = "lo_confirm";

    public static async Task<Results<SignOutHttpResult, ContentHttpResult>> HandleAsync(HttpContext http, SsoCookie sso, SessionService sessions)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var hint = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var session = sso.Read(http) is { } hash ? await sessions.FindLiveAsync(hash, http.RequestAborted) : null;
        if (session is not null)
        {
            // Someone else's id_token_hint (an attacker's own) does not end this browser's session unasked.
            var hintedHere = hint?.GetClaim(OpenIddictConstants.Claims.Subject) == session.UserId;
            var confirmed = HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType && http.Request.Form[ConfirmField] == "yes";
            if (!hintedHere && !confirmed) return Confirmation(http, request);
            await sessions.RevokeAsync(session, http.RequestAborted);
        }
        sso.Clear(http);
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static ContentHttpResult Confirmation(HttpContext http, OpenIddictRequest request)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/assets/app.css\">")
            .Append("<title>Sign out</title></head><body><main class=\"card\"><h1>退出登录 / Sign out?</h1><form method=\"post\" action=\"")
            .Append(html.Encode(http.Request.PathBase.Add(OidcEndpoints.EndSession))).Append("\">");
        foreach (var (name, item) in OidcRequestParameters.Flatten(request, ConfirmField))
            page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode(item ?? "")).Append("\">");
        page.Append("<button type=\"submit\" name=\"").Append(ConfirmField).Append("\" value=\"yes\">退出 / Sign out</button></form></main></body></html>");
        return TypedResults.Content(page.ToString(), "text/html; charset=utf-8");
    }
}
