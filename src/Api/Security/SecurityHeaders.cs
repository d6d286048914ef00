using LoginOrchestrator.Api.Dashboard;
using LoginOrchestrator.Api.Oidc;

namespace LoginOrchestrator.Api.Security;

/// <summary>
/// Headers on every response, written as it starts so that problem documents and framework answers
/// carry them too: no sniffing, no framing, no referrer; and nothing cached where a login, a
/// session or an admin answer could be.
/// </summary>
public static class SecurityHeaders
{
    private static readonly string[] NoStorePaths = ["/api/", DashboardCookie.Path, SsoCookie.Path];

    /// <summary>
    /// The pages load only their own scripts, styles and data (the QR code is a data: image); nothing inline can run.
    /// The Hangfire dashboard brings inline scripts of its own and keeps the framing rule only.
    /// </summary>
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The OpenID Connect answers: OpenIddict's form_post page (one fixed inline script, allowed by its hash) and the
    /// consent and logout pages post to, or are redirected on to, the app's registered URI on its own origin, so
    /// <c>form-action</c> is not limited here; nothing else may load.
    /// </summary>
    private const string OidcPolicy =
        "default-src 'none'; script-src 'sha256-j7OoGArf6XW6YY4cAyS3riSSvrJRqpSi1fOF9vQ5SrI='; style-src 'self'; " +
        "base-uri 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // Read now: a branch further on (the dashboard's) moves its prefix from Path to PathBase before the answer starts.
        var path = http.Request.PathBase.Add(http.Request.Path);
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey("Content-Security-Policy"))
                // The dashboard and the API reference (Scalar) bring inline scripts of their own.
                headers.ContentSecurityPolicy = path.StartsWithSegments(DashboardCookie.Path) || path.StartsWithSegments(OpenApi.ApiReference.Path) ? "frame-ancestors 'none'"
                    : path.StartsWithSegments(SsoCookie.Path) ? OidcPolicy
                    : PagePolicy;
            if (NoStorePaths.Any(p => path.StartsWithSegments(p.TrimEnd('/'))))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next(http);
    });
}
