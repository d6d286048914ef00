using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LoginOrchestrator.Stores.Database;

/// <summary>The embedded default's database: a SQLite file under the data folder.</summary>
public sealed class SqliteLoginDbContext(DbContextOptions<SqliteLoginDbContext> options) : LoginDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks so indexes and range filters work.
        foreach (var entity in model.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
    }
}

/// <summary>For <c>dotnet ef migrations add … --context SqliteLoginDbContext</c>.</summary>
public sealed class SqliteLoginDbContextFactory : IDesignTimeDbContextFactory<SqliteLoginDbContext>
{
    public SqliteLoginDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLoginDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
