using System.Net;
using System.Net.Http.Headers;
using LoginOrchestrator.Tests.Support;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Steps.Otp;

namespace LoginOrchestrator.Api.Tests;

public sealed class DashboardTests : IClassFixture<KestrelLoginApiFactory>
{
    private readonly KestrelLoginApiFactory _factory;
    private readonly HttpClient _http;
    private readonly FlowClient _client;

    public DashboardTests(KestrelLoginApiFactory factory)
    {
        _factory = factory;
        _http = factory.CreateSocketClient();
        _client = new FlowClient(_http);
    }

    [Fact]
    public async Task AnonymousIsRefused()
    {
        (await _http.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AgentIsRefusedBothTheDashboardAndItsCookie()
    {
        await _factory.AddUserAsync("dash-agent", "dash-agent-Pass-1");
        var token = (await _client.LoginAsync("dash-agent", "dash-agent-Pass-1")).Token!;

        (await Get("/hangfire", bearer: token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/dashboard-session", null, token)).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AdminSeesTheDashboardWithoutTheStorageConnectionString()
    {
        var token = await _factory.AdminTokenAsync(_client);

        var page = await Get("/hangfire", bearer: token);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("LoginOrchestrator jobs");
        html.Should().NotContain(TestServices.Redis).And.NotContain(_factory.RedisPrefix);
    }

    [Fact]
    public async Task BrowserOpensTheDashboardWithTheSessionCookieUntilLogout()
    {
        var token = await _factory.AdminTokenAsync(_client);

        var opened = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/dashboard-session", null, token);
        opened.Status.Should().Be(HttpStatusCode.NoContent);
        var setCookie = opened.Response.Headers.GetValues("Set-Cookie").Single();
        setCookie.Should().Contain("lo_dashboard=").And.Contain("path=/hangfire").And.Contain("secure")
            .And.Contain("samesite=strict").And.Contain("httponly");
        var cookie = setCookie.Split(';')[0];

        (await Get("/hangfire", cookie: cookie)).StatusCode.Should().Be(HttpStatusCode.OK);

        await _client.SendAsync(HttpMethod.Delete, "/api/v1/session", null, token);
        (await Get("/hangfire", cookie: cookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the cookie dies with its session");
    }

    /// <summary>Issue 15.10: the cookie admits no more than the bearer would: not a session that owes a required action.</summary>
    [Fact]
    public async Task TheCookieOfASessionThatNowOwesARequiredActionIsRefused()
    {
        var secret = TotpSecrets.New();
        await _factory.AddUserAsync("dash-owes", "dash-owes-Pass-1", Roles.Admin, totpSecret: secret);
        var challenge = await _client.LoginAsync("dash-owes", "dash-owes-Pass-1");
        var token = (await _client.PostAsync(FlowClient.Id(challenge), "otp", new { code = _factory.TotpCode(secret) })).Token!;
        var opened = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/dashboard-session", null, token);
        var cookie = opened.Response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        (await Get("/hangfire", cookie: cookie)).StatusCode.Should().Be(HttpStatusCode.OK);

        // Removing TOTP leaves this admin's session owing enrol_otp (admin_requires_otp is on).
        _factory.Clock.Advance(TimeSpan.FromSeconds(TotpVerifier.StepSeconds));
        (await _client.SendAsync(HttpMethod.Delete, "/api/v1/account/otp",
            System.Net.Http.Json.JsonContent.Create(new { code = _factory.TotpCode(secret) }), token)).Status.Should().Be(HttpStatusCode.NoContent);

        (await Get("/hangfire", bearer: token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Get("/hangfire", cookie: cookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the cookie must not admit what the bearer does not");
        (await Post("/hangfire/recurring/trigger", cookie: cookie)).StatusCode.Should().NotBe(HttpStatusCode.NoContent);
    }

    /// <summary>Issue 15.10: dashboard answers are never stored (the dashboard's branch rewrote the path the check read).</summary>
    [Fact]
    public async Task DashboardAnswersAreNeverStored()
    {
        var token = await _factory.AdminTokenAsync(_client);

        foreach (var path in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/jobs/succeeded" })
        {
            var page = await Get(path, bearer: token);
            page.StatusCode.Should().Be(HttpStatusCode.OK, path);
            page.Headers.CacheControl!.NoStore.Should().BeTrue(path);
        }
        (await Get("/hangfire")).Headers.CacheControl!.NoStore.Should().BeTrue("a refusal is not stored either");
    }

    [Fact]
    public async Task ForgedCookieIsRefused()
    {
        (await Get("/hangfire", cookie: "lo_dashboard=forged")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OpsGetTheReadOnlyViewAndAdminsTheCommands()
    {
        await _factory.AddUserAsync("dash-ops", "dash-ops-Pass-1", role: Roles.Ops);
        var ops = (await _client.LoginAsync("dash-ops", "dash-ops-Pass-1")).Token!;
        var admin = await _factory.AdminTokenAsync(_client);

        var opsPage = await Get("/hangfire/recurring", bearer: ops);
        var adminPage = await Get("/hangfire/recurring", bearer: admin);

        opsPage.StatusCode.Should().Be(HttpStatusCode.OK);
        (await adminPage.Content.ReadAsStringAsync()).Should().Contain("js-jobs-list-command");
        (await opsPage.Content.ReadAsStringAsync()).Should().NotContain("js-jobs-list-command");
        (await Post("/hangfire/recurring/trigger", ops)).StatusCode.Should().NotBe(HttpStatusCode.NoContent);
    }

    private async Task<HttpResponseMessage> Get(string path, string? bearer = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> Post(string path, string? bearer = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "housekeeping")]),
        };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await _http.SendAsync(request);
    }
}
