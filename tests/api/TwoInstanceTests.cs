using System.Net;
using Hangfire;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

/// <summary>Two instances on one MariaDB and one Redis: A in this process, B its own process.</summary>
public sealed class TwoInstanceFactory : LoginApiFactory
{
    /// <summary>One issuer for both, as behind one load balancer; plain http on loopback for the OpenID Connect endpoints.</summary>
    public static readonly IReadOnlyDictionary<string, string> OidcSettings = new Dictionary<string, string>
    {
        ["Login:PublicOrigin"] = "http://sso.corp.example",
        ["Oidc:AllowHttp"] = "true",
    };

    protected override bool FakeClock => false;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        foreach (var (key, value) in OidcSettings) builder.UseSetting(key, value);
    }
}

[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class TwoInstanceTests(TwoInstanceFactory factory) : IClassFixture<TwoInstanceFactory>, IAsyncLifetime
{
    private readonly FlowClient _a = new(factory.CreateClient());
    private ApiProcess? _process;
    private FlowClient B => new(_process!.Client);

    public async Task InitializeAsync() =>
        _process = await ApiProcess.StartAsync(
            factory.SharedSettings.Concat(TwoInstanceFactory.OidcSettings).ToDictionary(), Path.Combine(factory.DataDirectory, "instance-b"));

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }

    [Fact]
    public async Task BothInstancesPublishTheSameKeysAndHonourEachOthersGrants()
    {
        (await B.Http.GetStringAsync("/.well-known/jwks")).Should().Be(await _a.Http.GetStringAsync("/.well-known/jwks"),
            "the keys are in the shared database, not made per instance");
        await factory.AddUserAsync("two-instance-oidc", "Oidc-Pass-2026");
        const string redirect = "https://desk.corp.example/signin-oidc";
        var secret = await factory.RegisterClientAsync("two-instance-app", [redirect]);
        var browser = new OidcTestClient(factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));
        await browser.LoginAsync("two-instance-oidc", "Oidc-Pass-2026");
        var code = await browser.CodeAsync("two-instance-app", redirect);

        var onB = new OidcTestClient(_process!.Client);
        var tokens = await onB.ExchangeAsync(code, "two-instance-app", redirect, secret);
        tokens.Status.Should().Be(HttpStatusCode.OK, $"{tokens.Body} {_process.Output}");
        var refreshed = await browser.RefreshAsync(tokens.RefreshToken!, "two-instance-app", secret);
        refreshed.Status.Should().Be(HttpStatusCode.OK, "A redeems what B issued");
        (await onB.RefreshAsync(tokens.RefreshToken!, "two-instance-app", secret)).Error.Should().Be("invalid_grant", "a replay is caught on the other instance too");
    }

    [Fact]
    public async Task FlowBegunOnOneInstanceIsFinishedOnTheOther()
    {
        var flow = await _a.StartAsync();

        var issued = await B.PasswordAsync(FlowClient.Id(flow), LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);

        issued.State.Should().Be("Issued");
        (await _a.GetAsync(FlowClient.Id(flow))).State.Should().Be("Issued");
    }

    [Fact]
    public async Task SessionIsSeenByBothAndLogoutOnOneKillsItOnTheOther()
    {
        var token = (await _a.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword)).Token;
        var seen = await B.SendAsync(HttpMethod.Get, "/api/v1/session", null, token);
        seen.Status.Should().Be(HttpStatusCode.OK, _process!.Output);

        (await _a.SendAsync(HttpMethod.Delete, "/api/v1/session", null, token)).Status.Should().Be(HttpStatusCode.NoContent);

        (await B.SendAsync(HttpMethod.Get, "/api/v1/session", null, token)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task BothInstancesRunJobsAndEachCodeIsSentExactlyOnce()
    {
        // Both Hangfire servers work on the one storage.
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        monitoring.Servers().Should().HaveCountGreaterThanOrEqualTo(2);

        var users = Enumerable.Range(0, 8).Select(i => $"twice-{factory.RunId}-{i}").ToList();
        await factory.SetSettingAsync("authentication", "type", "two_factor");
        try
        {
            foreach (var user in users)
            {
                await factory.AddUserAsync(user, "twice-Pass-1", email: $"{user}@corp.example");
                (await _a.LoginAsync(user, "twice-Pass-1")).State.Should().Be("Captcha");
            }
        }
        finally
        {
            await factory.SetSettingAsync("authentication", "type", "none");
        }

        foreach (var user in users) await factory.Mailbox.WaitForMailAsync($"{user}@corp.example");
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a duplicate to show up, were there one
        foreach (var user in users)
            (await factory.Mailbox.MailsToAsync($"{user}@corp.example")).Should().HaveCount(1, $"one code was sent to {user}");
    }

    [Fact]
    public async Task SettingChangedOnOneInstanceAppliesOnTheOtherAtOnce()
    {
        (await B.StartAsync()).AttemptsRemaining.Should().Be(5, "B has read and cached the settings");

        await factory.SetSettingAsync("flow", "max_attempts", 3);
        try
        {
            // Well inside the cache's 30 s maximum age: only the change signal can explain it.
            var deadline = DateTime.UtcNow.AddSeconds(3);
            var attempts = 0;
            while (DateTime.UtcNow < deadline && (attempts = (await B.StartAsync()).AttemptsRemaining) != 3) await Task.Delay(50);
            attempts.Should().Be(3);
        }
        finally
        {
            await factory.SetSettingAsync("flow", "max_attempts", 5);
        }
    }

    [Fact]
    public async Task ReadinessReportsBothDependencies()
    {
        var ready = await _process!.Client.GetAsync("/healthz/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
