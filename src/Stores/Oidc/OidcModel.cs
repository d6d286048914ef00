using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Stores.Oidc;

/// <summary>The OpenID Connect tables: lengths and indexes as OpenIddict's own EF Core model has them.</summary>
internal static class OidcModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<OidcApplicationRecord>(application =>
        {
            application.ToTable("oidc_application");
            application.Property(a => a.Id).HasMaxLength(64);
            application.Property(a => a.ApplicationType).HasMaxLength(50);
            application.Property(a => a.ClientId).HasMaxLength(100);
            application.HasIndex(a => a.ClientId).IsUnique();
            application.Property(a => a.ClientType).HasMaxLength(50);
            application.Property(a => a.ConsentType).HasMaxLength(50);
            application.Property(a => a.DisplayName).HasMaxLength(200);
            application.Property(a => a.ConcurrencyToken).HasMaxLength(50).IsConcurrencyToken();
        });

        model.Entity<OidcAuthorizationRecord>(authorization =>
        {
            authorization.ToTable("oidc_authorization");
            authorization.Property(a => a.Id).HasMaxLength(64);
            authorization.Property(a => a.ApplicationId).HasMaxLength(64);
            authorization.Property(a => a.Status).HasMaxLength(50);
            authorization.Property(a => a.Subject).HasMaxLength(400);
            authorization.Property(a => a.Type).HasMaxLength(50);
            authorization.Property(a => a.ConcurrencyToken).HasMaxLength(50).IsConcurrencyToken();
            authorization.HasIndex(a => new { a.ApplicationId, a.Status, a.Subject, a.Type });
            authorization.HasIndex(a => a.Subject);
            authorization.HasOne<OidcApplicationRecord>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<OidcTokenRecord>(token =>
        {
            token.ToTable("oidc_token");
            token.Property(t => t.Id).HasMaxLength(64);
            token.Property(t => t.ApplicationId).HasMaxLength(64);
            token.Property(t => t.AuthorizationId).HasMaxLength(64);
            token.Property(t => t.ReferenceId).HasMaxLength(100);
            token.HasIndex(t => t.ReferenceId).IsUnique();
            token.Property(t => t.Status).HasMaxLength(50);
            token.Property(t => t.Subject).HasMaxLength(400);
            token.Property(t => t.Type).HasMaxLength(150);
            token.Property(t => t.ConcurrencyToken).HasMaxLength(50).IsConcurrencyToken();
            token.HasIndex(t => new { t.ApplicationId, t.Status, t.Subject, t.Type });
            token.HasIndex(t => t.AuthorizationId);
            token.HasIndex(t => t.Subject);
            token.HasOne<OidcApplicationRecord>().WithMany().HasForeignKey(t => t.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            token.HasOne<OidcAuthorizationRecord>().WithMany().HasForeignKey(t => t.AuthorizationId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ClientAuditRecord>(audit =>
        {
            audit.ToTable("client_audit");
            audit.Property(a => a.ClientId).HasMaxLength(100);
            audit.Property(a => a.Action).HasMaxLength(32);
            audit.Property(a => a.ChangedBy).HasMaxLength(64);
            audit.Property(a => a.Registration).HasMaxLength(8192);
            audit.HasIndex(a => new { a.ClientId, a.At });
        });

        model.Entity<OidcKeyRecord>(key =>
        {
            key.ToTable("oidc_key");
            key.Property(k => k.Id).HasMaxLength(64);
            key.Property(k => k.Use).HasMaxLength(8);
            key.Property(k => k.ProtectedKey).HasMaxLength(8192);
            key.HasIndex(k => new { k.Use, k.Period });
        });
    }
}
