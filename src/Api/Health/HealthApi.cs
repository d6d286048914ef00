using LoginOrchestrator.Api.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoginOrchestrator.Api.Health;

/// <summary>The database is migrated (the framework's <c>AddDbContextCheck</c> asks whether it answers).</summary>
public sealed class DatabasePreparedCheck(DatabasePreparation preparation) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(preparation.IsDone
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database is not prepared yet (migrations pending)."));
}

public static class HealthApi
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        // Live: the process answers. Ready: its dependencies answer too.
        routes.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        routes.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).WithTags("Health");
        return routes;
    }
}
