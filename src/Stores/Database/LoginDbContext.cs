using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using LoginOrchestrator.Stores.Oidc;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Stores.Database;

/// <summary>
/// Users, recovery codes and the login audit. Each database provider has its own subclass so that
/// each keeps its own migrations (SQLite for the embedded default, MariaDB/MySQL in production).
/// </summary>
public abstract class LoginDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<RecoveryCodeRecord> RecoveryCodes => Set<RecoveryCodeRecord>();
    public DbSet<LoginAuditRecord> LoginAudit => Set<LoginAuditRecord>();
    /// <summary>The Data Protection key ring (Microsoft's EF Core key store), so every instance shares it.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SettingMetaRecord> SettingMetas => Set<SettingMetaRecord>();
    public DbSet<SettingRecord> Settings => Set<SettingRecord>();
    public DbSet<ServerSecretRecord> ServerSecrets => Set<ServerSecretRecord>();
    public DbSet<OidcApplicationRecord> OidcApplications => Set<OidcApplicationRecord>();
    public DbSet<OidcAuthorizationRecord> OidcAuthorizations => Set<OidcAuthorizationRecord>();
    public DbSet<OidcTokenRecord> OidcTokens => Set<OidcTokenRecord>();
    public DbSet<OidcKeyRecord> OidcKeys => Set<OidcKeyRecord>();
    public DbSet<ClientAuditRecord> ClientAudit => Set<ClientAuditRecord>();
    public DbSet<RememberedDeviceRecord> RememberedDevices => Set<RememberedDeviceRecord>();
    public DbSet<PasskeyRecord> Passkeys => Set<PasskeyRecord>();
    public DbSet<DepartmentRecord> Departments => Set<DepartmentRecord>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();
    public DbSet<DirectorySyncRunRecord> DirectorySyncRuns => Set<DirectorySyncRunRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<UserAccount>(user =>
        {
            user.ToTable("user_account");
            user.HasIndex(u => u.NormalizedUserId).IsUnique();
            user.Property(u => u.UserId).HasMaxLength(64);
            user.Property(u => u.NormalizedUserId).HasMaxLength(64);
            user.Property(u => u.Name).HasMaxLength(128);
            user.Property(u => u.Role).HasMaxLength(16);
            user.Property(u => u.PasswordHash).HasMaxLength(128);
            user.Property(u => u.Email).HasMaxLength(254);
            user.Property(u => u.Mobile).HasMaxLength(32);
            user.Property(u => u.Category).HasMaxLength(64);
            user.Property(u => u.Departments).HasMaxLength(1024);
            user.Property(u => u.Language).HasMaxLength(16);
            user.Property(u => u.ProtectedTotpSecret).HasMaxLength(1024);
            user.Property(u => u.PendingTotpSecret).HasMaxLength(1024);
            user.Property(u => u.Status).HasMaxLength(16).HasDefaultValue(AgentStatus.Offline);
            user.HasIndex(u => u.Status);
        });

        model.Entity<RecoveryCodeRecord>(code =>
        {
            code.ToTable("recovery_code");
            code.HasIndex(c => new { c.NormalizedUserId, c.CodeHash });
            code.Property(c => c.NormalizedUserId).HasMaxLength(64);
            code.Property(c => c.CodeHash).HasMaxLength(64);
        });

        model.Entity<SettingMetaRecord>(meta =>
        {
            meta.ToTable("setting_meta");
            meta.HasIndex(m => new { m.Namespace, m.Key }).IsUnique();
            meta.Property(m => m.Namespace).HasMaxLength(32);
            meta.Property(m => m.Key).HasMaxLength(64);
            meta.Property(m => m.ValueType).HasMaxLength(16);
            meta.Property(m => m.Choices).HasMaxLength(512);
            meta.Property(m => m.JsonSchema).HasMaxLength(2048);
            meta.Property(m => m.DefaultValue).HasMaxLength(8192);
            meta.Property(m => m.Example).HasMaxLength(2048);
            meta.Property(m => m.Description).HasMaxLength(512);
            meta.HasData(SettingSeed.Metas());
        });

        model.Entity<SettingRecord>(setting =>
        {
            setting.ToTable("setting");
            setting.HasIndex(s => s.MetaId).IsUnique();
            setting.HasOne(s => s.Meta).WithMany().HasForeignKey(s => s.MetaId).OnDelete(DeleteBehavior.Cascade);
            setting.Property(s => s.Value).HasMaxLength(16384);
            setting.Property(s => s.UpdatedBy).HasMaxLength(64);
            setting.Property(s => s.RenderFailure).HasMaxLength(512);
        });

        model.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_key");
            key.Property(k => k.FriendlyName).HasMaxLength(256);
            key.Property(k => k.Xml).IsRequired();
        });

        model.Entity<ServerSecretRecord>(secret =>
        {
            secret.ToTable("server_secret");
            secret.HasKey(s => s.Name);
            secret.Property(s => s.Name).HasMaxLength(64);
            secret.Property(s => s.ProtectedValue).HasMaxLength(1024);
        });

        model.Entity<LoginAuditRecord>(audit =>
        {
            audit.ToTable("login_audit");
            audit.HasIndex(a => a.At);
            // An outbox drained twice looks up the flows it would audit (LoginAudit.RecordOnceAsync).
            audit.HasIndex(a => a.FlowId);
            audit.HasIndex(a => new { a.UserId, a.At });
            audit.Property(a => a.FlowId).HasMaxLength(64);
            audit.Property(a => a.UserId).HasMaxLength(64);
            audit.HasIndex(a => new { a.Kind, a.At });
            audit.HasIndex(a => new { a.Actor, a.At });
            audit.Property(a => a.Kind).HasMaxLength(16).HasDefaultValue(AuditKinds.Login);
            audit.Property(a => a.Actor).HasMaxLength(64);
            audit.Property(a => a.TargetType).HasMaxLength(16);
            audit.Property(a => a.Outcome).HasMaxLength(32);
            audit.Property(a => a.Factors).HasMaxLength(128);
            audit.Property(a => a.Reason).HasMaxLength(64);
            audit.Property(a => a.ClientIp).HasMaxLength(64);
            audit.Property(a => a.UserAgent).HasMaxLength(512);
        });

        model.Entity<RememberedDeviceRecord>(device =>
        {
            device.ToTable("remembered_device");
            device.HasKey(d => d.Id);
            device.Property(d => d.Id).HasMaxLength(16);
            device.Property(d => d.TokenHash).HasMaxLength(64);
            device.HasIndex(d => d.TokenHash).IsUnique();
            device.Property(d => d.NormalizedUserId).HasMaxLength(64);
            device.HasIndex(d => d.NormalizedUserId);
            device.HasIndex(d => d.ExpiresAt);
            device.Property(d => d.ClientIp).HasMaxLength(64);
            device.Property(d => d.UserAgent).HasMaxLength(256);
        });

        model.Entity<PasskeyRecord>(passkey =>
        {
            passkey.ToTable("passkey");
            passkey.HasKey(p => p.IdHash);
            passkey.Property(p => p.IdHash).HasMaxLength(43);
            passkey.Property(p => p.CredentialId).HasMaxLength(1023);
            passkey.Property(p => p.NormalizedUserId).HasMaxLength(64);
            passkey.HasIndex(p => p.NormalizedUserId);
            passkey.Property(p => p.UserHandle).HasMaxLength(64);
            passkey.Property(p => p.PublicKey).HasMaxLength(1024);
            passkey.Property(p => p.Transports).HasMaxLength(64);
            passkey.Property(p => p.Name).HasMaxLength(64);
        });

        model.Entity<DepartmentRecord>(department =>
        {
            department.ToTable("department");
            department.Property(d => d.Id).ValueGeneratedNever();
            department.Property(d => d.Name).HasMaxLength(128);
        });

        model.Entity<DirectorySyncRunRecord>(run =>
        {
            run.ToTable("directory_sync_run");
            run.HasIndex(r => r.StartedAt);
            run.Property(r => r.Outcome).HasMaxLength(16);
            run.Property(r => r.TriggeredBy).HasMaxLength(80);
            run.Property(r => r.Detail).HasMaxLength(512);
        });

        model.Entity<ApiKeyRecord>(key =>
        {
            key.ToTable("api_key");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(12);
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.SecretHash).HasMaxLength(64);
            key.Property(k => k.Scopes).HasMaxLength(200);
            key.Property(k => k.CreatedBy).HasMaxLength(64);
        });

        OidcModel.Configure(model);
    }
}
