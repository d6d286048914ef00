using System.Globalization;
using System.Text.Json.Serialization;
using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Api.Sessions;
using LoginOrchestrator.Orchestrator.Engine;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Localization;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Problem details, authentication, languages, limits and the OpenAPI document.</summary>
public static class HttpServices
{
    /// <summary>No request to this API needs more; larger bodies are refused before they are read.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IHostApplicationBuilder AddHttpDefaults(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        // api.md: optional members (user, captcha, session…) are absent, not null, when they do not apply.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, Login.FlowJson.Default);
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddExceptionHandler<UnhandledExceptionHandler>();

        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeys.ApiKeyAuthenticationHandler>(ApiKeys.ApiKeyAuthenticationHandler.SchemeName, null)
            // The readers' policies: one scheme, forwarding by the token's kind, so a refusal is answered once.
            .AddPolicyScheme(ApiKeys.ApiKeyAuthenticationHandler.SessionOrKey, null, scheme => scheme.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && ApiKeys.ApiKeyAuthenticationHandler.IsApiKey(header["Bearer ".Length..].Trim())
                    ? ApiKeys.ApiKeyAuthenticationHandler.SchemeName
                    : SessionAuthenticationHandler.SchemeName);
        services.AddAuthorization();
        services.AddAccessPolicies();

        services.AddRequestLocalization(options =>
        {
            CultureInfo[] cultures = [new("zh-CN"), new("en")];
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });

        // Every request has a deadline: past it, it answers 503 and nothing more is issued or written (issue 16.4).
        services.AddOptions<RequestOptions>().BindConfiguration(RequestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var deadline = builder.Configuration.GetSection(RequestOptions.Section).Get<RequestOptions>()?.DeadlineSeconds ?? RequestOptions.DefaultDeadlineSeconds;
        services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(deadline),
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = http => new Refusal(FlowCodes.DependencyUnavailable,
                "The answer took longer than the request deadline; nothing was issued. Try again shortly.").WriteAsync(http),
        });

        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ApiDocument>();
            options.AddOperationTransformer<ApiDocument>();
            options.AddSchemaTransformer<WireSchemas>();
        });
        return builder;
    }
}
