using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// OpenTelemetry: the <c>LoginOrchestrator</c> meter and spans with ASP.NET Core, HttpClient and runtime
/// instrumentation; scrapeable as Prometheus text at <c>/metrics</c> (admin and ops, like the dashboard), and
/// exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetryServices
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LoginMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(LoginMetrics.Name))
            .WithMetrics(metrics => metrics
                .AddMeter(LoginMetrics.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Every scrape sees the counts as they are, not a cached copy.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing => tracing
                .AddSource(LoginMetrics.Name)
                // Health probes and scrapes are noise in a trace store.
                .AddAspNetCoreInstrumentation(http => http.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
        return builder;
    }

    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder routes) =>
        routes.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AccessPolicies.MetricsReader);
}
