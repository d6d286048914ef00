using System.Net;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class PasswordLoginTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task BootstrapAdminLogsInWithPasswordToIssued()
    {
        var created = await _client.StartAsync();
        created.Status.Should().Be(HttpStatusCode.Created);
        created.Response.Headers.Location!.ToString().Should().Be($"/api/v1/login/flows/{FlowClient.Id(created)}");
        created.State.Should().Be("Credentials");
        created.Actions.Should().Equal("submitPassword", "submitPasskey");

        var issued = await _client.PasswordAsync(FlowClient.Id(created), LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);

        issued.Status.Should().Be(HttpStatusCode.OK);
        issued.State.Should().Be("Issued");
        issued.Actions.Should().BeEmpty();
        issued.Strings("factors").Should().Equal("password");
        issued.Token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "32 random bytes in base64url");
    }

    [Fact]
    public async Task SessionTokenIsReturnedOnceAndNeverOnALaterGet()
    {
        var issued = await _client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);

        var later = await _client.GetAsync(FlowClient.Id(issued));

        later.State.Should().Be("Issued");
        later.Flow.TryGetProperty("session", out _).Should().BeFalse();
    }

    [Fact]
    public async Task SessionShowsTheUserAndLogoutKillsTheTokenAtOnce()
    {
        var token = (await _client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword)).Token;

        var session = await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token);
        session.Status.Should().Be(HttpStatusCode.OK);
        session.Body.GetProperty("userId").GetString().Should().Be("admin");
        session.Body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("admin");
        // admin_requires_otp is on by default and the bootstrap admin has no TOTP yet.
        session.Body.GetProperty("requiredActions").EnumerateArray().Select(r => r.GetString()).Should().Equal("enrol_otp");

        (await _client.SendAsync(HttpMethod.Delete, "/api/v1/session", null, token)).Status.Should().Be(HttpStatusCode.NoContent);

        var after = await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token);
        after.Status.Should().Be(HttpStatusCode.Unauthorized);
        after.Code.Should().Be("unauthenticated");
    }

    [Fact]
    public async Task SessionWithoutTokenOrWithAForgedOneIsUnauthenticated()
    {
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null)).Code.Should().Be("unauthenticated");
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, "forged-token")).Code.Should().Be("unauthenticated");
    }

    [Fact]
    public async Task SessionDiesAfterItsIdleTimeout()
    {
        var token = (await _client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword)).Token;

        factory.Clock.Advance(TimeSpan.FromMinutes(31));

        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WrongPasswordUnknownUserAndDisabledUserGetTheSameAnswer()
    {
        await factory.AddUserAsync("wangwu", "wangwu-Pass-1");
        await factory.AddUserAsync("zhaoliu", "zhaoliu-Pass-1", disabled: true);

        var wrong = await _client.LoginAsync("wangwu", "not-the-password");
        var unknown = await _client.LoginAsync("nobody-here", "not-the-password");
        var disabled = await _client.LoginAsync("zhaoliu", "zhaoliu-Pass-1");

        foreach (var answer in new[] { wrong, unknown, disabled })
        {
            answer.Status.Should().Be(HttpStatusCode.Unauthorized);
            answer.Code.Should().Be("invalid_credentials");
            answer.State.Should().Be(wrong.State);
            answer.AttemptsRemaining.Should().Be(4);
            answer.Body.GetProperty("detail").GetString().Should().Be(wrong.Body.GetProperty("detail").GetString());
            answer.Flow.TryGetProperty("user", out _).Should().BeFalse();
        }
    }

    [Fact]
    public async Task FifthWrongPasswordLocksTheFlowAndEvenTheRightOneIsThenRefused()
    {
        await factory.AddUserAsync("flowlock", "flowlock-Pass-1");
        await factory.SetSettingAsync("lockout", "max_failures", 50);
        var flowId = FlowClient.Id(await _client.StartAsync());
        for (var i = 0; i < 4; i++)
            (await _client.PasswordAsync(flowId, "flowlock", "wrong")).Code.Should().Be("invalid_credentials");

        // The flow's own five attempts, not the account's lock-out (the security tests pin that).
        var fifth = await _client.PasswordAsync(flowId, "flowlock", "wrong");
        fifth.Status.Should().Be((HttpStatusCode)423);
        fifth.Code.Should().Be("locked");
        fifth.State.Should().Be("Locked");

        fifth.Body.TryGetProperty("retryAfter", out _).Should().BeFalse("the account itself is not locked");

        var right = await _client.PasswordAsync(flowId, "flowlock", "flowlock-Pass-1");
        right.Status.Should().Be((HttpStatusCode)423);
        right.State.Should().Be("Locked");
        (await _client.LoginAsync("flowlock", "flowlock-Pass-1")).State.Should().Be("Issued", "a new flow starts afresh");
        await factory.SetSettingAsync("lockout", "max_failures", 5);
    }

    [Fact]
    public async Task UserIdIsCaseInsensitive()
    {
        (await _client.LoginAsync("ADMIN", LoginApiFactory.AdminPassword)).State.Should().Be("Issued");
    }

    [Fact]
    public async Task EveryTerminalOutcomeIsAudited()
    {
        var issued = await _client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);
        var flowId = FlowClient.Id(issued);

        var records = await factory.EventuallyFromDbAsync(db => db.LoginAudit.Where(a => a.FlowId == flowId).ToListAsync(), rows => rows.Count > 0);

        var record = records.Should().ContainSingle().Subject;
        record.Outcome.Should().Be("Issued");
        record.UserId.Should().Be("admin");
        record.Factors.Should().Be("password");
        record.Degraded.Should().BeFalse();
    }

    [Fact]
    public async Task MessagesFollowAcceptLanguage()
    {
        var flowId = FlowClient.Id(await _client.StartAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{FlowClient.Base}/{flowId}/password")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { userId = "someone", password = "wrong" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await (await _client.Http.SendAsync(request)).Content.ReadAsStringAsync();

        var chinese = await _client.LoginAsync("someone", "wrong");

        english.Should().Contain("The user id or password is incorrect.");
        chinese.Body.GetProperty("detail").GetString().Should().Be("用户名或密码错误。");
    }
}
