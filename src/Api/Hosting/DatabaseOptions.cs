namespace LoginOrchestrator.Api.Hosting;

/// <summary>Which database <c>ConnectionStrings__Database</c> names.</summary>
public enum DatabaseProvider { Sqlite, MySql }

/// <summary>Section <c>Database</c>: only needed where the connection string alone does not tell.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Unset: MySql when the connection string names a <c>Server=</c>/<c>Host=</c>, else Sqlite.</summary>
    public DatabaseProvider? Provider { get; set; }

    /// <summary>MariaDB/MySQL version the SQL is written for, e.g. <c>10.11-mariadb</c> or <c>8.0-mysql</c>.</summary>
    public string? ServerVersion { get; set; }

    /// <summary>
    /// Apply migrations as the service starts (the default). Off: the operator runs <c>-- migrate</c> (or applies
    /// <c>-- migrate --script</c> by hand where the migration lock is refused, as on Galera), and an instance that finds
    /// migrations pending answers 503 until they are applied.
    /// </summary>
    public bool MigrateOnStartup { get; set; } = true;

    public static DatabaseProvider Detect(string connectionString) =>
        connectionString.Split(';').Select(p => p.Split('=', 2)[0].Trim().ToLowerInvariant())
            .Any(key => key is "server" or "host" or "port" or "uid" or "user id")
            ? DatabaseProvider.MySql
            : DatabaseProvider.Sqlite;
}
