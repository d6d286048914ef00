using LoginOrchestrator.Api.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoginOrchestrator.Api.Health;

/// <summary>The database answers a trivial query.</summary>
public sealed class DatabaseHealthCheck(LoginDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
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
