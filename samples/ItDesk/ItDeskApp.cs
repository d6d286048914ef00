using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Samples.ItDesk;

/// <summary>
/// The app: every page needs a signed-in user; the sign-in is the login service's, through the standard handler
/// (code flow, PKCE, form_post, tokens kept for the refresh token and the logout hint).
/// </summary>
public static class ItDeskApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<ItDeskOptions>().BindConfiguration(ItDeskOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(ItDeskOptions.Section).Get<ItDeskOptions>() ?? new ItDeskOptions();

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                // Apps on one host share its cookies: each names its own.
                options.Cookie.Name = $"itdesk.{settings.ClientId}";
                options.Events.OnValidatePrincipal = ProviderSessionCheck.ValidateAsync;
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = settings.Authority;
                options.RequireHttpsMetadata = settings.Authority.StartsWith("https://", StringComparison.Ordinal);
                options.ClientId = settings.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
                options.ResponseType = "code";
                options.SaveTokens = true;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "role";
                foreach (var scope in new[] { "profile", "email", "roles", "departments", "offline_access" }) options.Scope.Add(scope);
                // Shown on the page: how the user signed in (the handler drops these by default).
                foreach (var claim in new[] { "amr", "acr", "auth_time" }) options.ClaimActions.Remove(claim);
                options.CorrelationCookie.Name = $".itdesk.{settings.ClientId}.correlation.";
                options.NonceCookie.Name = $".itdesk.{settings.ClientId}.nonce.";
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", Home).RequireAuthorization();
        app.MapGet("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            // To the service's end-session endpoint, with the ID token as the hint; back at /signed-out.
            await http.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/signed-out" });
        });
        app.MapGet("/signed-out", (IOptions<ItDeskOptions> options) => Page(options.Value.Title, "<p id=\"signed-out\">Signed out.</p>"));
        return app;
    }

    private static IResult Home(HttpContext http, IOptions<ItDeskOptions> options)
    {
        var rows = new StringBuilder();
        foreach (var claim in http.User.Claims)
            rows.Append("<tr data-claim=\"").Append(WebUtility.HtmlEncode(claim.Type)).Append("\"><th>").Append(WebUtility.HtmlEncode(claim.Type))
                .Append("</th><td>").Append(WebUtility.HtmlEncode(claim.Value)).Append("</td></tr>");
        return Page(options.Value.Title,
            $"<p id=\"signed-in\">Signed in as <strong id=\"user-name\">{WebUtility.HtmlEncode(http.User.Identity?.Name)}</strong></p>" +
            $"<table id=\"claims\">{rows}</table><p><a id=\"logout\" href=\"/logout\">Sign out</a></p>");
    }

    private static IResult Page(string title, string body) =>
        Results.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
            $"<body><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>", "text/html; charset=utf-8");
}
