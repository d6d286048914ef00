using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LoginOrchestrator.Stores.Database;

/// <summary>The production database: MariaDB or MySQL through Pomelo, utf8mb4 with an explicit collation.</summary>
public sealed class MySqlLoginDbContext(DbContextOptions<MySqlLoginDbContext> options) : LoginDbContext(options)
{
    /// <summary>Case-insensitive, accent-aware Unicode ordering for text people read and search.</summary>
    public const string Collation = "utf8mb4_unicode_ci";

    /// <summary>
    /// User ids are compared byte for byte: they are stored canonical (<see cref="Orchestrator.Policy.UserIds"/>), and a
    /// collation that also matched <c>ägent1</c> or <c>ａｇｅｎｔ１</c> to <c>agent1</c> would let a variant in past its lock.
    /// </summary>
    public const string UserIdCollation = "utf8mb4_bin";

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasCharSet("utf8mb4").UseCollation(Collation);
        base.OnModelCreating(model);
        model.Entity<UserAccount>().Property(u => u.NormalizedUserId).UseCollation(UserIdCollation);
        model.Entity<RecoveryCodeRecord>().Property(c => c.NormalizedUserId).UseCollation(UserIdCollation);
        model.Entity<LoginAuditRecord>().Property(a => a.UserId).UseCollation(UserIdCollation);
        model.Entity<LoginAuditRecord>().Property(a => a.Actor).UseCollation(UserIdCollation);
        model.Entity<RememberedDeviceRecord>().Property(d => d.NormalizedUserId).UseCollation(UserIdCollation);
        model.Entity<RememberedDeviceRecord>().Property(d => d.Id).UseCollation(UserIdCollation);
        model.Entity<ApiKeyRecord>().Property(k => k.Id).UseCollation(UserIdCollation);
        // Client ids, token references and subjects are exact: "itdesk" is not "ItDesk".
        model.Entity<Oidc.OidcApplicationRecord>().Property(a => a.ClientId).UseCollation(UserIdCollation);
        model.Entity<Oidc.OidcTokenRecord>().Property(t => t.ReferenceId).UseCollation(UserIdCollation);
        model.Entity<Oidc.OidcTokenRecord>().Property(t => t.Subject).UseCollation(UserIdCollation);
        model.Entity<Oidc.OidcAuthorizationRecord>().Property(a => a.Subject).UseCollation(UserIdCollation);
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
