using LoginOrchestrator.Api.Hosting;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoginOrchestrator.Api.Health;

/// <summary>The database is migrated and answers a trivial query.</summary>
public sealed class DatabaseHealthCheck(LoginDbContext db, DatabasePreparation preparation) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!preparation.IsDone) return HealthCheckResult.Unhealthy("The database is not prepared yet (migrations pending).");
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception e) when (DependencyFailure.Is(e))
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
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

/// <summary>Redis answers a PING.</summary>
public sealed class RedisHealthCheck(StackExchange.Redis.IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (StackExchange.Redis.RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}
