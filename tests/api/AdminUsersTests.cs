using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Web;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>#8: user administration, the audit, role checks, and the admin held to TOTP enrolment.</summary>
public sealed class AdminUsersTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/api/v1/admin/users" },
        { "POST", "/api/v1/admin/users" },
        { "GET", "/api/v1/admin/users/someone" },
        { "PATCH", "/api/v1/admin/users/someone" },
        { "POST", "/api/v1/admin/users/someone/unlock" },
        { "DELETE", "/api/v1/admin/users/someone/otp" },
        { "GET", "/api/v1/admin/audit" },
        { "GET", "/api/v1/admin/settings" },
        { "PUT", "/api/v1/admin/settings/flow/max_attempts" },
        { "POST", "/api/v1/admin/templates/preview" },
        { "POST", "/api/v1/admin/dashboard-session" },
        { "GET", "/api/v1/admin/clients" },
        { "POST", "/api/v1/admin/clients" },
        { "GET", "/api/v1/admin/clients/someone" },
        { "PUT", "/api/v1/admin/clients/someone" },
        { "POST", "/api/v1/admin/clients/someone/secret" },
        { "DELETE", "/api/v1/admin/clients/someone" },
        { "GET", "/api/v1/admin/clients/someone/audit" },
        { "GET", "/api/v1/admin/users/someone/sessions" },
        { "DELETE", "/api/v1/admin/users/someone/sessions/0123456789abcdef0123456789abcdef" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task EveryAdminEndpointRefusesAnAgent(string method, string path)
    {
        await factory.AddUserAsync($"agent-{method}-{path.GetHashCode():x}", "agent-Pass-123");
        var token = (await _client.LoginAsync($"agent-{method}-{path.GetHashCode():x}", "agent-Pass-123")).Token!;

        var answer = await _client.SendAsync(new HttpMethod(method), path, System.Net.Http.Json.JsonContent.Create(new { }), token);

        answer.Status.Should().Be(HttpStatusCode.Forbidden);
        answer.Code.Should().Be("forbidden");
    }

    [Fact]
    public async Task AnAdminWithoutTotpMayOnlyEnrolUntilDone()
    {
        // The bootstrap admin has no TOTP and authentication.admin_requires_otp is on by default.
        var token = (await _client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword)).Token!;

        var blocked = await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/users", null, token);
        blocked.Status.Should().Be(HttpStatusCode.Forbidden);
        blocked.Body.GetProperty("requiredActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("enrol_otp");
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/users", null, token)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/account", null, token)).Status.Should().Be(HttpStatusCode.OK);

        var started = await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, token);
        var secret = TotpSecrets.FromBase32(HttpUtility.ParseQueryString(new Uri(started.Body.GetProperty("otpauthUri").GetString()!).Query)["secret"]!);
        (await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp/confirm",
            System.Net.Http.Json.JsonContent.Create(new { code = factory.TotpCode(secret) }), token)).Status.Should().Be(HttpStatusCode.OK);

        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token)).Body.GetProperty("requiredActions").GetArrayLength().Should().Be(0);
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/users", null, token)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminCreatesAUserWhoLogsInWithTheInitialPassword()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);

        var created = await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/users",
            new { userId = "wangwu", name = "王五", role = "agent", email = "WangWu@Corp.Example", mobile = "138 0013 8000", password = "Initial-Secret-71" });

        created.Status.Should().Be(HttpStatusCode.Created);
        created.Body.GetProperty("email").GetString().Should().Be("wangwu@corp.example");
        created.Body.GetProperty("mobile").GetString().Should().Be("13800138000");
        created.Body.GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        created.Body.TryGetProperty("passwordHash", out _).Should().BeFalse();
        (await _client.LoginAsync("wangwu", "Initial-Secret-71")).State.Should().Be("Issued");

        (await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/users", new { userId = "WANGWU", name = "x", role = "agent" })).Code.Should().Be("user_exists");
        var invalid = await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/users", new { userId = "bad id", name = "", role = "boss", password = "123" });
        invalid.Status.Should().Be(HttpStatusCode.BadRequest);
        invalid.Code.Should().Be("invalid_request");

        var found = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/users?role=agent&q=wang");
        found.Body.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userId").GetString()).Should().Contain("wangwu");
    }

    [Fact]
    public async Task DisablingAUserRevokesTheirSessionsAndRefusesTheirLogin()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        await factory.AddUserAsync("leaver", "leaver-Pass-123");
        var session = (await _client.LoginAsync("leaver", "leaver-Pass-123")).Token!;

        var disabled = await admin.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/leaver", new { disabled = true });

        disabled.Status.Should().Be(HttpStatusCode.OK);
        disabled.Body.GetProperty("disabled").GetBoolean().Should().BeTrue();
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, session)).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await _client.LoginAsync("leaver", "leaver-Pass-123")).Code.Should().Be("invalid_credentials");

        await admin.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/leaver", new { disabled = false, role = "ops" });
        (await _client.LoginAsync("leaver", "leaver-Pass-123")).State.Should().Be("Issued");
    }

    [Fact]
    public async Task AdminUnlocksALockedAccount()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        await factory.AddUserAsync("lockedout", "lockedout-Pass-1");
        for (var i = 0; i < 5; i++) await _client.LoginAsync("lockedout", "wrong-password");
        (await _client.LoginAsync("lockedout", "lockedout-Pass-1")).Status.Should().Be(HttpStatusCode.Locked);

        (await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/users/lockedout/unlock")).Status.Should().Be(HttpStatusCode.NoContent);

        (await _client.LoginAsync("lockedout", "lockedout-Pass-1")).State.Should().Be("Issued");
        (await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/users/nobody-here/unlock")).Code.Should().Be("user_not_found");
    }

    [Fact]
    public async Task AdminResetsALostAuthenticator()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        await factory.AddUserAsync("lostphone", "lostphone-Pass-1", totpSecret: TotpSecrets.New());
        (await _client.LoginAsync("lostphone", "lostphone-Pass-1")).State.Should().Be("OtpChallenge");

        (await admin.SendAsync(HttpMethod.Delete, "/api/v1/admin/users/lostphone/otp")).Status.Should().Be(HttpStatusCode.NoContent);

        (await _client.LoginAsync("lostphone", "lostphone-Pass-1")).State.Should().Be("Issued");
    }

    [Fact]
    public async Task TheLastAdminCannotBeDemotedOrDisabled()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        var admins = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/users?role=admin&pageSize=200");
        var others = admins.Body.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userId").GetString()!).ToList();
        var self = (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, admin.Token)).Body.GetProperty("userId").GetString()!;
        // Leave only this admin enabled, then try to remove them too.
        foreach (var other in others.Where(o => o != self))
            (await admin.SendAsync(HttpMethod.Patch, $"/api/v1/admin/users/{other}", new { disabled = true })).Status.Should().Be(HttpStatusCode.OK);

        var refused = await admin.SendAsync(HttpMethod.Patch, $"/api/v1/admin/users/{self}", new { role = "agent" });

        refused.Status.Should().Be(HttpStatusCode.Conflict);
        refused.Code.Should().Be("last_admin");
        foreach (var other in others.Where(o => o != self))
            await factory.WithDbAsync(async db =>
            {
                var user = db.Users.Single(u => u.UserId == other);
                user.Disabled = false;
                return await db.SaveChangesAsync();
            });
    }

    [Fact]
    public async Task AuditIsFilteredByOutcomeAndTimeAndPaged()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        var from = factory.Clock.GetUtcNow();
        await factory.AddUserAsync("audited", "audited-Pass-1");
        var flow = FlowClient.Id(await _client.StartAsync());
        for (var i = 0; i < 5; i++) await _client.PasswordAsync(flow, "audited", "wrong-password");
        // The login's outcome is written from its outbox, just after the answer.
        await factory.EventuallyFromDbAsync(db => db.LoginAudit.AnyAsync(a => a.FlowId == flow), written => written);

        var locked = await admin.SendAsync(HttpMethod.Get, $"/api/v1/admin/audit?userId=audited&outcome=Locked&from={Uri.EscapeDataString(from.ToString("O"))}");
        locked.Body.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("flowId").GetString()).Should().Equal(flow);
        (await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?outcome=Won")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?pageSize=1000")).Status.Should().Be(HttpStatusCode.BadRequest);
        var page = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?pageSize=1");
        page.Body.GetProperty("items").GetArrayLength().Should().Be(1);
        page.Body.GetProperty("total").GetInt32().Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task WithoutWeComThereIsNoDirectoryToSync()
    {
        var admin = await factory.AdminTokenAsync(_client);

        var refused = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/directory/sync", null, admin);

        refused.Status.Should().Be(HttpStatusCode.Conflict);
        refused.Code.Should().Be("directory_not_configured");
    }
}
