using LoginOrchestrator.Api.Accounts;
using LoginOrchestrator.Api.Data;
using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Steps.Passwords;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LoginOrchestrator.Api.Tests.Infrastructure;

/// <summary>
/// The real host on the embedded defaults (SQLite file, in-process stores, Hangfire in memory, outbox),
/// in a data folder of its own, with a clock the test moves.
/// </summary>
public class LoginApiFactory : WebApplicationFactory<Program>
{
    public const string AdminUserId = "admin";
    public const string AdminPassword = "bootstrap-Admin-1";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "loginorchestrator-tests", Guid.NewGuid().ToString("N"));
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public string OutboxDirectory => Path.Combine(DataDirectory, "outbox");

    protected virtual string Environment => "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Security:BcryptWorkFactor", "10");
        builder.UseSetting("Bootstrap:AdminUserId", AdminUserId);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Login:AllowedReturnUrls:0", "https://desk.corp.example/app");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public void SetPolicy(LoginPolicy policy) => Services.GetRequiredService<DefaultLoginPolicySource>().Set(policy);

    /// <summary>Adds a user straight to the database (the admin API is another issue's).</summary>
    public async Task<UserAccount> AddUserAsync(
        string userId, string? password, string role = Roles.Agent, string? email = null, byte[]? totpSecret = null,
        bool disabled = false, string departments = "")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        var user = new UserAccount
        {
            UserId = userId,
            NormalizedUserId = UserAccount.Normalize(userId),
            Name = userId,
            Role = role,
            Email = email,
            Disabled = disabled,
            Departments = departments,
            PasswordHash = password is null ? null : scope.ServiceProvider.GetRequiredService<IPasswordHasher>().Hash(password),
            ProtectedTotpSecret = totpSecret is null ? null : scope.ServiceProvider.GetRequiredService<TotpSecretProtector>().Protect(totpSecret),
            TotpEnabled = totpSecret is not null,
            CreatedAt = Clock.GetUtcNow(),
            UpdatedAt = Clock.GetUtcNow(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async Task AddRecoveryCodeAsync(string userId, string code)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        db.RecoveryCodes.Add(new RecoveryCodeRecord
        {
            NormalizedUserId = UserAccount.Normalize(userId),
            CodeHash = RecoveryCodes.Hash(code),
            CreatedAt = Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<LoginDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LoginDbContext>());
    }

    /// <summary>The current TOTP code of a secret at the test clock's time.</summary>
    public string TotpCode(byte[] secret) =>
        new OtpNet.Totp(secret, TotpVerifier.StepSeconds, OtpNet.OtpHashMode.Sha1, TotpVerifier.Digits).ComputeTotp(Clock.GetUtcNow().UtcDateTime);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The same host in the Production environment.</summary>
public sealed class ProductionLoginApiFactory : LoginApiFactory
{
    protected override string Environment => "Production";
}
