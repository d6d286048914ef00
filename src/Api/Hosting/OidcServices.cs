using LoginOrchestrator.Api.Oidc;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Oidc;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// The OpenID Connect provider (OpenIddict): code flow with PKCE, rotating refresh tokens with reuse detection,
/// userinfo, RP-initiated logout, introspection and revocation; our own stores over the login database.
/// </summary>
public static class OidcServices
{
    public static IHostApplicationBuilder AddOidcProvider(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OidcKeyOptions>().BindConfiguration(OidcKeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.Section).ValidateDataAnnotations()
            .Validate<IOptions<OidcKeyOptions>>((oidc, keys) => oidc.RefreshTokenDays <= keys.Value.RotationDays,
                "Oidc:RefreshTokenDays must not exceed Oidc:RotationDays: a key is kept one period after it last signs, and a refresh token must not outlive it.")
            .ValidateOnStart();
        var oidc = builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        var publicOrigin = builder.Configuration.GetSection(LoginOptions.Section).Get<LoginOptions>()?.PublicOrigin;

        services.AddSingleton<OidcKeyRing>();
        services.AddSingleton<OidcKeySetup>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<OidcKeySetup>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<OidcKeySetup>());
        services.AddHostedService<OidcKeyRefresher>();
        services.AddSingleton<SsoCookie>();
        services.AddScoped<AdminClients.ClientAdministration>();
        services.AddSingleton<ISessionGrantRevocation, OidcSessionGrants>();
        services.AddSingleton<IExpiringStore, OidcGrantSweep>();

        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.SetDefaultApplicationEntity<OidcApplicationRecord>()
                    .SetDefaultAuthorizationEntity<OidcAuthorizationRecord>()
                    .SetDefaultTokenEntity<OidcTokenRecord>();
                core.ReplaceApplicationStore<OidcApplicationRecord, OidcApplicationStore>(ServiceLifetime.Scoped);
                core.ReplaceAuthorizationStore<OidcAuthorizationRecord, OidcAuthorizationStore>(ServiceLifetime.Scoped);
                core.ReplaceTokenStore<OidcTokenRecord, OidcTokenStore>(ServiceLifetime.Scoped);
                // Instances share the database, not a cache: a token revoked on one is revoked on all, at once.
                core.DisableEntityCaching();
            })
            .AddServer(server =>
            {
                // The origin as a URI already ends in "/": adding one made the issuer "https://host//" (found behind the proxy).
                if (publicOrigin is not null) server.SetIssuer(new Uri(publicOrigin, "/"));
                server.SetAuthorizationEndpointUris(OidcEndpoints.Authorize[1..])
                    .SetTokenEndpointUris(OidcEndpoints.Token[1..])
                    .SetUserInfoEndpointUris(OidcEndpoints.UserInfo[1..])
                    .SetEndSessionEndpointUris(OidcEndpoints.EndSession[1..])
                    .SetIntrospectionEndpointUris(OidcEndpoints.Introspection[1..])
                    .SetRevocationEndpointUris(OidcEndpoints.Revocation[1..])
                    .SetJsonWebKeySetEndpointUris(OidcEndpoints.Jwks[1..]);
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                // S256 only: a "plain" challenge is the verifier itself, and protects nothing once the request is seen.
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    context.Metadata[Metadata.AcrValuesSupported] = System.Text.Json.JsonSerializer.SerializeToElement(OidcClaims.ContextReferences);
                    return default;
                }));
                server.RegisterScopes([.. OidcScopes.All]);
                server.RegisterClaims(OidcClaims.Supported);
                // Scopes are checked against each client's permissions; there is no scope table to check them against.
                server.DisableScopeValidation();
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(oidc.AccessTokenMinutes))
                    .SetIdentityTokenLifetime(TimeSpan.FromMinutes(oidc.IdentityTokenMinutes))
                    .SetRefreshTokenLifetime(TimeSpan.FromDays(oidc.RefreshTokenDays))
                    .SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2))
                    // A refresh token is good once: presented again it revokes its whole chain (a stolen copy is caught).
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (oidc.AllowHttp ?? builder.Environment.IsDevelopment()) aspNetCore.DisableTransportSecurityRequirement();
            });
        return builder;
    }

    /// <summary>Loads the keys before the first request; without a database the provider answers 503 until the refresher loads them.</summary>
    public static async Task LoadOidcKeysAsync(this WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<OidcKeyRing>().RefreshAsync(CancellationToken.None);
        }
        catch (Exception e) when (Stores.DependencyFailure.Is(e))
        {
            app.Logger.LogWarning("The OpenID Connect keys could not be loaded at start ({Error}); the provider answers 503 until they are", e.GetBaseException().Message);
        }
    }

    /// <summary>Before OpenIddict (which answers discovery and JWKS itself): no keys yet, no OpenID Connect.</summary>
    public static IApplicationBuilder UseOidcKeyGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if ((path.StartsWithSegments(SsoCookie.Path) || path.StartsWithSegments("/.well-known"))
            && http.RequestServices.GetRequiredService<OidcKeyRing>().Current is null)
        {
            await new Refusal(FlowCodes.DependencyUnavailable, "The OpenID Connect provider is starting (its keys are not loaded yet). Try again shortly.").WriteAsync(http);
            return;
        }
        await next(http);
    });
}
