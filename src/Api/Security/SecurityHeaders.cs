namespace LoginOrchestrator.Api.Security;

/// <summary>
/// Headers on every response, written as it starts so that problem documents and framework answers
/// carry them too: no sniffing, no framing, no referrer; and nothing cached where a login, a
/// session or an admin answer could be.
/// </summary>
public static class SecurityHeaders
{
    private static readonly string[] NoStorePaths = ["/api/", "/hangfire"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            if (NoStorePaths.Any(p => http.Request.Path.StartsWithSegments(p.TrimEnd('/'))))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next(http);
    });
}
