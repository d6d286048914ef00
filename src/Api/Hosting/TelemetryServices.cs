using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// OpenTelemetry: the <c>LoginOrchestrator</c> meter and spans with ASP.NET Core, HttpClient and runtime
/// instrumentation; scrapeable as Prometheus text at <c>/metrics</c> (admin and ops, like the dashboard). When
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, metrics and spans are exported by OTLP; without it no span is made.
/// </summary>
public static class TelemetryServices
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LoginMetrics>();
        var exportsByOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(LoginMetrics.Name))
            .WithMetrics(metrics => metrics
                .AddMeter(LoginMetrics.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Every scrape sees the counts as they are, not a cached copy.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        // Spans only where something exports them: recorded for no one they cost a read of a flow ~25 µs of CPU, a
        // sixth of it (docs/performance.md).
        if (!exportsByOtlp) return builder;
        telemetry.WithTracing(tracing => tracing
                .AddSource(LoginMetrics.Name)
                // Health probes and scrapes are noise in a trace store.
                .AddAspNetCoreInstrumentation(http => http.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder routes) =>
        routes.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AccessPolicies.MetricsReader);
}
