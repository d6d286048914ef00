using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// Migrations and the bootstrap admin. Tried once as the service starts; while the database is down the service starts
/// anyway (ready answers 503, requests 503) and this keeps trying every few seconds until it succeeds.
/// </summary>
public sealed class DatabasePreparation(IServiceScopeFactory scopes, ILogger<DatabasePreparation> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);
    private volatile bool _done;

    public bool IsDone => _done;

    /// <summary>Migrates and bootstraps; false (logged) when the database is not there to do it.</summary>
    public async Task<bool> TryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (DependencyFailure.Is(e))
        {
            logger.LogWarning("The database cannot be prepared yet ({Error}); the service answers 503 until it can", e.GetBaseException().Message);
            return false;
        }
    }

    /// <summary>For the operator's command line: the database must be there.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LoginDbContext>().Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<BootstrapAdmin>().EnsureAsync(cancellationToken);
        _done = true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!_done)
        {
            try
            {
                await Task.Delay(RetryEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (await TryAsync(stoppingToken)) logger.LogInformation("The database is back: migrations applied, the service is ready");
        }
    }
}
