using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// The database made ready: created if missing, migrated (unless <c>Database__MigrateOnStartup=false</c>, where the
/// operator runs <c>-- migrate</c>), and the bootstrap admin. Tried once as the service starts; while the database is
/// down, or not yet migrated, the service starts anyway (ready answers 503, requests 503) and this keeps trying every
/// few seconds. Instances starting together on an empty database race safely: the database is created with
/// <c>IF NOT EXISTS</c>, migrations take EF Core's migration lock, and a bootstrap admin another instance inserted first
/// is taken as done.
/// </summary>
public sealed class DatabasePreparation(
    IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<DatabasePreparation> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);
    private volatile bool _done;

    public bool IsDone => _done;

    /// <summary>Prepares the database; false (logged) when it is not there to do it, or awaits its migration.</summary>
    public async Task<bool> TryAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(migrate: options.Value.MigrateOnStartup, cancellationToken);
        }
        catch (Exception e) when (DependencyFailure.Is(e))
        {
            logger.LogWarning("The database cannot be prepared yet ({Error}); the service answers 503 until it can", e.GetBaseException().Message);
            return false;
        }
    }

    /// <summary>
    /// Creates, migrates (when <paramref name="migrate"/>) and bootstraps. Without migrating, a database with pending
    /// migrations is not ready: false, and the operator is told to run <c>-- migrate</c>.
    /// </summary>
    public async Task<bool> RunAsync(bool migrate, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        if (migrate)
        {
            await EnsureCreatedAsync(db, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList() is { Count: > 0 } pending)
        {
            logger.LogWarning("The database awaits {Count} migrations ({First} …) and Database__MigrateOnStartup is off: run the `migrate` command; " +
                "the service answers 503 until then", pending.Count, pending[0]);
            return false;
        }
        await scope.ServiceProvider.GetRequiredService<BootstrapAdmin>().EnsureAsync(cancellationToken);
        _done = true;
        return true;
    }

    /// <summary>The idempotent SQL of every migration, for a cluster that refuses the migration lock (Galera): applied by hand on one node.</summary>
    public async Task<string> ScriptAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<LoginDbContext>().GetService<IMigrator>();
        return migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    /// <summary>
    /// MariaDB: <c>CREATE DATABASE IF NOT EXISTS</c> when the database is missing, so two instances creating it at once
    /// both succeed (EF Core's own creation is a plain CREATE, which the second one fails). SQLite creates its file itself.
    /// </summary>
    private static async Task EnsureCreatedAsync(LoginDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsMySql() || db.Database.GetConnectionString() is not { } connectionString) return;
        var builder = new MySqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        if (string.IsNullOrEmpty(name)) return;
        try
        {
            await using var probe = new MySqlConnection(builder.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.UnknownDatabase) { }
        builder.Database = "";
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new MySqlCommand(
            $"CREATE DATABASE IF NOT EXISTS `{name.Replace("`", "``")}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
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
            if (await TryAsync(stoppingToken)) logger.LogInformation("The database is ready: migrated and bootstrapped");
        }
    }
}
