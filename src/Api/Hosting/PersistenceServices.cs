using LoginOrchestrator.Api.Health;
using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>The database (EF Core) and the data protection keys.</summary>
public static class PersistenceServices
{
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var dataDirectory = storage.ResolveData(builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);

        var connectionString = builder.Configuration.GetConnectionString("Database")
            ?? $"Data Source={Path.Combine(dataDirectory, "loginorchestrator.db")}";
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // Pooled: a context per request was costing the login steps its service construction (docs/performance.md).
        if ((database.Provider ?? DatabaseOptions.Detect(connectionString)) == DatabaseProvider.MySql)
        {
            var version = database.ServerVersion is { } v ? ServerVersion.Parse(v) : MySqlLoginDbContext.DefaultServerVersion;
            builder.Services.AddDbContextPool<LoginDbContext, MySqlLoginDbContext>(options => options.UseMySql(connectionString, version));
        }
        else
        {
            builder.Services.AddDbContextPool<LoginDbContext, SqliteLoginDbContext>(options => options.UseSqlite(connectionString));
        }

        // TOTP secrets and queued messages are encrypted with these keys; the key ring lives in the
        // database, so instances share it and it lasts as long as what it protects. Each key is stored encrypted with
        // a certificate from outside the database: a dump alone opens nothing.
        var keyRing = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var (current, all) = KeyRingProtection.Load(keyRing, dataDirectory, builder.Environment);
        builder.Services.AddDataProtection().SetApplicationName("LoginOrchestrator").PersistKeysToDbContext<LoginDbContext>()
            .ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate(all);

        builder.Services.AddHealthChecks()
            .AddCheck<DatabasePreparedCheck>("database-prepared", tags: [HealthApi.ReadyTag])
            .AddDbContextCheck<LoginDbContext>("database", tags: [HealthApi.ReadyTag]);
        builder.Services.AddSingleton<DatabasePreparation>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabasePreparation>());
        return builder;
    }

    /// <summary>
    /// Applies migrations and creates the bootstrap admin before the first request. A server starts without a database
    /// (and keeps trying); the operator's command line needs one.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool required)
    {
        var preparation = app.Services.GetRequiredService<DatabasePreparation>();
        if (!required) await preparation.TryAsync(CancellationToken.None);
        else if (!await preparation.RunAsync(migrate: app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.MigrateOnStartup, CancellationToken.None))
            throw new InvalidOperationException("The database awaits migrations: run the `migrate` command first.");
    }
}
