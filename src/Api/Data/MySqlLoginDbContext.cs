using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LoginOrchestrator.Api.Data;

/// <summary>The production database: MariaDB or MySQL through Pomelo, utf8mb4 with an explicit collation.</summary>
public sealed class MySqlLoginDbContext(DbContextOptions<MySqlLoginDbContext> options) : LoginDbContext(options)
{
    /// <summary>Case-insensitive, accent-aware Unicode ordering; ids are compared normalised anyway.</summary>
    public const string Collation = "utf8mb4_unicode_ci";

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasCharSet("utf8mb4").UseCollation(Collation);
        base.OnModelCreating(model);
    }

    /// <summary>The server version the model targets when it cannot ask the server (migrations, start without a database).</summary>
    public static readonly ServerVersion DefaultServerVersion = new MariaDbServerVersion(new Version(10, 11));
}

/// <summary>For <c>dotnet ef migrations add … --context MySqlLoginDbContext</c>: no server needed.</summary>
public sealed class MySqlLoginDbContextFactory : IDesignTimeDbContextFactory<MySqlLoginDbContext>
{
    public MySqlLoginDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MySqlLoginDbContext>()
            .UseMySql("Server=localhost;Database=loginorchestrator", MySqlLoginDbContext.DefaultServerVersion)
            .Options);
}
