using LoginOrchestrator.Api.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Security;

/// <summary>
/// The framework's CORS for REST frontends on other origins (<see cref="CrossOriginOptions"/>): the groups that
/// frontends drive (login flows, session, account) carry <c>RequireCors(FrontendCors.Policy)</c>; admin endpoints do
/// not; a browser app's OpenID Connect calls get it by path (<see cref="OidcPaths"/>). Sessions travel in the
/// Authorization header, never in cookies, so no credentials mode is allowed.
/// </summary>
public static class FrontendCors
{
    public const string Policy = "frontends";

    public static IServiceCollection AddFrontendCors(this IServiceCollection services)
    {
        services.AddOptions<CrossOriginOptions>().BindConfiguration(CrossOriginOptions.Section)
            .Validate(cors => cors.AllowedOrigins.All(CrossOriginOptions.IsOrigin),
                "Cors:AllowedOrigins holds origins: http(s)://host[:port], no path and no trailing slash.")
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, allowed) =>
            cors.AddPolicy(Policy, policy => policy
                .WithOrigins([.. allowed.Value.AllowedOrigins])
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "Accept-Language")
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>
    /// The OpenID Connect endpoints a browser app (a public client) calls with fetch: discovery, keys, token, userinfo,
    /// revocation. OpenIddict answers some of them before routing reaches an endpoint, so they get the policy by path.
    /// Authorization and logout are navigations, and introspection is for servers: none of those is opened.
    /// </summary>
    public static readonly string[] OidcPaths =
        ["/.well-known/openid-configuration", Oidc.OidcEndpoints.Jwks, Oidc.OidcEndpoints.Token, Oidc.OidcEndpoints.UserInfo, Oidc.OidcEndpoints.Revocation];

    public static IApplicationBuilder UseFrontendCors(this IApplicationBuilder app) => app
        .UseWhen(http => OidcPaths.Any(path => http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)), oidc => oidc.UseCors(Policy))
        .UseCors();
}
