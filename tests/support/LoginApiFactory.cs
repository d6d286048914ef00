using System.Text.Json;
using LoginOrchestrator.Api.AdminSettings;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;
using StackExchange.Redis;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// The real host on the real services: MariaDB (a database of its own), Redis (a key prefix and a
/// Hangfire prefix of its own) and SMTP to maildev. Its clock is one the test moves.
/// </summary>
public class LoginApiFactory : WebApplicationFactory<Program>
{
    public const string AdminUserId = "admin";
    public const string AdminPassword = "bootstrap-Admin-1";

    public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];
    public string DataDirectory { get; }
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public IMailbox Mailbox { get; }

    /// <summary>Waits for a mail; on a time-out, says what delivery logged, to tell a lost mail from one never sent.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(string address, int count = 1)
    {
        try
        {
            return await Mailbox.WaitForMailAsync(address, count);
        }
        catch (TimeoutException e)
        {
            var deliveryLines = Logs.Lines.Where(l => l.Contains("Delivery") || l.Contains("SendCodeJob") || l.Contains("Hangfire")).TakeLast(40);
            throw new TimeoutException($"{e.Message}\nRecent delivery log lines:\n{string.Join("\n", deliveryLines)}", e);
        }
    }

    /// <summary>Every answer of <c>/api/v1</c> is checked against the OpenAPI document; a mismatch fails the fixture.</summary>
    public AnswerConformance Conformance { get; }

    /// <summary>Every line the host logged, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    public LoginApiFactory()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "loginorchestrator-tests", RunId);
        Conformance = new AnswerConformance(async () => new OpenApiConformance(await CreateClient().GetStringAsync("/openapi/v1.json")));
        Mailbox = Embedded ? new OutboxMailbox(Path.Combine(DataDirectory, "outbox")) : new MaildevMailbox(TestServices.Maildev, DateTimeOffset.UtcNow);
    }

    /// <summary>False: real services. True: the embedded defaults of the run command (SQLite, in process, outbox).</summary>
    protected virtual bool Embedded => false;

    protected virtual string Environment => "Development";

    /// <summary>False where another process shares the services and real time must agree.</summary>
    protected virtual bool FakeClock => true;

    public string DatabaseName => $"lo_t_{RunId}";
    public string DatabaseConnection => $"{TestServices.MySql};Database={DatabaseName}";
    public string RedisPrefix => $"lo-t-{RunId}:";

    /// <summary>The settings a second instance needs to join this one.</summary>
    public IReadOnlyDictionary<string, string> SharedSettings => new Dictionary<string, string>
    {
        ["ConnectionStrings:Database"] = DatabaseConnection,
        ["ConnectionStrings:Redis"] = TestServices.Redis,
        ["Redis:KeyPrefix"] = RedisPrefix,
        ["Redis:HangfirePrefix"] = $"{{{RedisPrefix}hangfire}}:",
        ["Smtp:Host"] = TestServices.SmtpHost,
        ["Smtp:Port"] = TestServices.SmtpPort,
        ["Security:BcryptWorkFactor"] = "10",
        ["RateLimits:PerIpPerMinute"] = "1000000",
        ["RateLimits:FailuresPerIpPerHour"] = "1000000",
        ["RateLimits:CodesPerIpPerDay"] = "1000000",
        ["RateLimits:GlobalPerMinute"] = "1000000",
        ["KeyRing:CertificatePath"] = TestServices.KeyRingCertificate,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Security:BcryptWorkFactor", "10");
        builder.UseSetting("Bootstrap:AdminUserId", AdminUserId);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Login:AllowedReturnUrls:0", "https://desk.corp.example/app");
        // Tests drive many flows from one address in a minute; the security tests set the limits they pin.
        builder.UseSetting("RateLimits:PerIpPerMinute", "1000000");
        builder.UseSetting("RateLimits:FailuresPerIpPerHour", "1000000");
        builder.UseSetting("RateLimits:CodesPerIpPerDay", "1000000");
        builder.UseSetting("RateLimits:GlobalPerMinute", "1000000");
        if (!Embedded)
            foreach (var (key, value) in SharedSettings) builder.UseSetting(key, value);
        ConfigureSettings(builder);
        if (FakeClock) builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(Conformance));
    }

    protected virtual void ConfigureSettings(IWebHostBuilder builder) { }

    private CancellationTokenRegistration _stopWatch;
    private volatile string? _stoppedOnItsOwn;

    /// <summary>
    /// Watches for the host stopping before the test disposes it (a background service that threw, a stop requested
    /// from inside): the requests that follow fail with "TestServer disposed", which says nothing of why. Dispose says.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _stopWatch = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
        {
            var errors = Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).TakeLast(10);
            _stoppedOnItsOwn = $"Stopped from:\n{System.Environment.StackTrace}\nLast errors logged:\n{string.Join("\n", errors)}";
        });
        return host;
    }

    /// <summary>Sets a global setting the way the admin API does (validated, audited, every instance told).</summary>
    public async Task SetSettingAsync(string @namespace, string key, object value)
    {
        await using var scope = Services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<SettingsAdmin>()
            .UpdateAsync(@namespace, key, JsonSerializer.SerializeToElement(value), enabled: true, Api.Audit.AdminActor.Named("test"), CancellationToken.None);
        if (change is not SettingChange.Saved) throw new InvalidOperationException($"{@namespace}.{key} was refused: {change}");
    }

    /// <summary>Adds a user straight to the database (the admin API is another issue's).</summary>
    public async Task<UserAccount> AddUserAsync(
        string userId, string? password, string role = Roles.Agent, string? email = null, byte[]? totpSecret = null,
        bool disabled = false, string departments = "", string? mobile = null, bool contactsVerified = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        var now = TimeProvider().GetUtcNow();
        var user = new UserAccount
        {
            UserId = userId,
            NormalizedUserId = UserIds.Canonical(userId),
            Name = userId,
            Role = role,
            Email = email,
            Mobile = mobile,
            EmailVerified = contactsVerified && email is not null,
            MobileVerified = contactsVerified && mobile is not null,
            Disabled = disabled,
            Departments = departments,
            PasswordHash = password is null ? null : scope.ServiceProvider.GetRequiredService<IPasswordHasher>().Hash(password),
            ProtectedTotpSecret = totpSecret is null ? null : scope.ServiceProvider.GetRequiredService<TotpSecretProtector>().Protect(totpSecret),
            TotpEnabled = totpSecret is not null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Turns TOTP on for an existing user, as a finished enrolment would.</summary>
    public async Task EnableTotpAsync(string userId, byte[] secret)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        var user = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.NormalizedUserId == UserIds.Canonical(userId));
        user.ProtectedTotpSecret = scope.ServiceProvider.GetRequiredService<TotpSecretProtector>().Protect(secret);
        user.TotpEnabled = true;
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A session of a fully signed-in admin: a new admin with TOTP, through password and code, so nothing is
    /// required of the session (the bootstrap admin without TOTP is held to enrolment).
    /// </summary>
    public async Task<string> AdminTokenAsync(FlowClient client)
    {
        var userId = $"admin-{Guid.NewGuid():N}"[..20];
        var secret = TotpSecrets.New();
        await AddUserAsync(userId, AdminPassword, Roles.Admin, totpSecret: secret);
        var challenge = await client.LoginAsync(userId, AdminPassword);
        var issued = await client.PostAsync(FlowClient.Id(challenge), "otp", new { code = TotpCode(secret) });
        return issued.Token ?? throw new InvalidOperationException($"The admin did not get a session: {issued.Body}");
    }

    /// <summary>A session issued now, as a login would issue it (for users no test login reaches, such as WeCom-only ones).</summary>
    public async Task<string> IssueSessionAsync(string userId, string role = Roles.Agent)
    {
        await using var scope = Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ISessionIssuer>().IssueAsync(
            new SessionGrant(userId, userId, [role], [LoginFactor.WeCom], false, [], TimeSpan.FromHours(8), TimeSpan.FromMinutes(30)), default);
        return issued.Token;
    }

    public async Task AddRecoveryCodeAsync(string userId, string code)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        db.RecoveryCodes.Add(new RecoveryCodeRecord
        {
            NormalizedUserId = UserIds.Canonical(userId),
            CodeHash = RecoveryCodes.Hash(code),
            CreatedAt = TimeProvider().GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<LoginDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LoginDbContext>());
    }

    /// <summary>
    /// A query of the database repeated until <paramref name="done"/> holds (or 10 s passed, then its last answer): what a
    /// login's outbox writes (its audit row) lands just after the answer.
    /// </summary>
    public async Task<T> EventuallyFromDbAsync<T>(Func<LoginDbContext, Task<T>> query, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var answer = await WithDbAsync(query);
            if (done(answer) || DateTime.UtcNow >= until) return answer;
            await Task.Delay(50);
        }
    }

    /// <summary>Registers an OpenID Connect client as the admin API does; the confidential one's secret, or null.</summary>
    public async Task<string?> RegisterClientAsync(
        string clientId, IReadOnlyList<string> redirectUris, bool confidential = true, bool firstParty = true,
        IReadOnlyList<string>? postLogoutRedirectUris = null, IReadOnlyList<string>? scopes = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<Api.AdminClients.ClientAdministration>().CreateAsync(
            new Api.AdminClients.ClientRequest(clientId, clientId, confidential ? "confidential" : "public", firstParty, redirectUris,
                postLogoutRedirectUris ?? [], scopes ?? ["openid", "profile", "email", "roles", "departments", "offline_access"]),
            Api.Audit.AdminActor.Named("test"), CancellationToken.None);
        return outcome.Value?.ClientSecret ?? (outcome.Refusal is null ? null : throw new InvalidOperationException($"{clientId}: {outcome.Refusal}"));
    }

    /// <summary>The current TOTP code of a secret at the host's time.</summary>
    public string TotpCode(byte[] secret) =>
        new OtpNet.Totp(secret, TotpVerifier.StepSeconds, OtpNet.OtpHashMode.Sha1, TotpVerifier.Digits).ComputeTotp(TimeProvider().GetUtcNow().UtcDateTime);

    private TimeProvider TimeProvider() => Services.GetRequiredService<TimeProvider>();

    public override async ValueTask DisposeAsync()
    {
        var violations = Conformance.Violations.ToList();
        _stopWatch.Dispose(); // the stop that dispose itself makes is no finding
        var stoppedOnItsOwn = _stoppedOnItsOwn;
        await base.DisposeAsync();
        if (!Embedded) await DropServicesStateAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        if (violations.Count > 0)
            throw new InvalidOperationException($"{violations.Count} answers the OpenAPI document does not describe:\n{string.Join("\n", violations.Distinct().Take(40))}");
        if (stoppedOnItsOwn is not null) throw new InvalidOperationException($"The host stopped before the test ended. {stoppedOnItsOwn}");
    }

    /// <summary>Leaves the shared services as they were: this run's database and keys go.</summary>
    private async Task DropServicesStateAsync()
    {
        await using (var connection = new MySqlConnection(TestServices.MySql))
        {
            await connection.OpenAsync();
            await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{DatabaseName}`", connection);
            await drop.ExecuteNonQueryAsync();
        }
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        // Every master's keys (a cluster's are spread), one DEL each (keys of other slots cannot go in one).
        var keys = redis.GetServers().Where(s => !s.IsReplica).SelectMany(s => s.Keys(pattern: $"*{RedisPrefix}*", pageSize: 1000)).ToArray();
        await Task.WhenAll(keys.Select(key => redis.GetDatabase().KeyDeleteAsync(key)));
    }
}

/// <summary>The run command's embedded defaults: SQLite file, in-process stores, Hangfire in memory, mail to the outbox.</summary>
public sealed class EmbeddedLoginApiFactory : LoginApiFactory
{
    protected override bool Embedded => true;
}

/// <summary>The real services in the Production environment.</summary>
public sealed class ProductionLoginApiFactory : LoginApiFactory
{
    protected override string Environment => "Production";
}
