using LoginOrchestrator.Api.Hosting;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Security;

/// <summary>
/// With <c>Login:PublicOrigin</c> set, every request is taken as addressed to that host and port, so what the service
/// derives from the request (OpenID Connect discovery's endpoint URLs, redirects) names the public origin: never a Host
/// header a client chose, nor the name without its port that a proxy commonly passes on. The scheme still comes from
/// the connection or a trusted proxy: a request that did not arrive over https is not treated as if it had.
/// </summary>
public static class PublicHost
{
    public static IApplicationBuilder UsePublicHost(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<LoginOptions>>().Value.PublicOrigin is not { } origin) return app;
        var host = new HostString(origin.Authority);
        return app.Use((http, next) =>
        {
            http.Request.Host = host;
            return next(http);
        });
    }
}
