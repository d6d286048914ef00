using LoginOrchestrator.Api.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Security;

/// <summary>
/// The framework's CORS for REST frontends on other origins (<see cref="CrossOriginOptions"/>): the groups that
/// frontends drive (login flows, session, account) carry <c>RequireCors(FrontendCors.Policy)</c>; admin endpoints do
/// not. Sessions travel in the Authorization header, never in cookies, so no credentials mode is allowed.
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
}
