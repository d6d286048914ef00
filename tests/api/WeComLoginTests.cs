using Microsoft.Extensions.DependencyInjection;
using LoginOrchestrator.Orchestrator.Ports;
using System.Net;
using LoginOrchestrator.Tests.Support;
using LoginOrchestrator.WeComSimulator;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

public sealed class WeComLoginTests(WeComFixture fixture) : IClassFixture<WeComFixture>, IAsyncLifetime
{
    private readonly FlowClient _client = new(fixture.Factory.CreateClient());
    private WeComSimulatorHost Sim => fixture.Simulator;

    public Task InitializeAsync() => Sim.HealAsync();

    public Task DisposeAsync() => Sim.HealAsync();

    [Fact]
    public async Task TheWeComActionNamesTheOAuthPageThatReturnsToTheLoginPageWithTheFlow()
    {
        var flow = await _client.StartAsync();

        var action = flow.Flow.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "submitWeComCode");
        var url = new Uri(action.GetProperty("authorizeUrl").GetString()!);
        url.GetLeftPart(UriPartial.Path).Should().Be("https://open.weixin.qq.com/connect/oauth2/authorize");
        url.Fragment.Should().Be("#wechat_redirect");
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        (query["appid"], query["agentid"], query["response_type"], query["scope"]).Should().Be((SimulatorApp.CorpId, "1000002", "code", "snsapi_base"));
        query["state"].Should().Be(FlowClient.Id(flow));
        query["redirect_uri"].Should().Be("https://login.corp.example/");
    }

    [Fact]
    public async Task PasswordConfirmedByTheDirectoryReachesIssuedAndSyncsTheName()
    {
        var issued = await _client.LoginAsync("zhangsan", "zhangsan-Pass-1");

        issued.State.Should().Be("Issued");
        issued.Flow.GetProperty("degraded").GetBoolean().Should().BeFalse();
        issued.Flow.GetProperty("user").GetProperty("name").GetString().Should().Be("张三");
        (await fixture.Factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserId == "zhangsan"))).Departments.Should().Be("1,2");
    }

    [Fact]
    public async Task OAuthCodeOfANewMemberProvisionsThemFromTheDirectoryAndIssues()
    {
        await Sim.PutUserAsync("newbie", "新同事", 1, [5], "newbie@corp.example");
        await Sim.AddOAuthCodeAsync("code-newbie", userId: "newbie");

        var flow = await _client.StartAsync();
        var issued = await _client.PostAsync(FlowClient.Id(flow), "wecom", new { code = "code-newbie" });

        issued.State.Should().Be("Issued");
        issued.Strings("factors").Should().Equal("wecom");
        var user = await fixture.Factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserId == "newbie"));
        (user.Name, user.Email, user.PasswordHash, user.Role).Should().Be(("新同事", "newbie@corp.example", null, "agent"));
    }

    [Fact]
    public async Task UsedOrForeignOAuthCodesAreRefusedLikeAWrongPassword()
    {
        await Sim.AddOAuthCodeAsync("code-once", userId: "zhangsan");
        await Sim.AddOAuthCodeAsync("code-outsider", openId: "o-outsider");
        (await _client.PostAsync(FlowClient.Id(await _client.StartAsync()), "wecom", new { code = "code-once" })).State.Should().Be("Issued");

        var reused = await _client.PostAsync(FlowClient.Id(await _client.StartAsync()), "wecom", new { code = "code-once" });
        var outsider = await _client.PostAsync(FlowClient.Id(await _client.StartAsync()), "wecom", new { code = "code-outsider" });

        foreach (var answer in new[] { reused, outsider })
        {
            answer.Status.Should().Be(HttpStatusCode.Unauthorized);
            answer.Code.Should().Be("invalid_credentials");
            answer.State.Should().Be("Credentials");
        }
    }

    [Fact]
    public async Task UnknownDisabledAndWrongPasswordAreIndistinguishable()
    {
        var wrongPassword = await _client.LoginAsync("zhangsan", "not-the-password");
        var unknown = await _client.LoginAsync("ghost", "not-the-password");
        var disabled = await _client.LoginAsync("wangwu", "wangwu-Pass-1");

        foreach (var answer in new[] { unknown, disabled })
        {
            answer.Status.Should().Be(wrongPassword.Status);
            answer.Code.Should().Be(wrongPassword.Code);
            answer.Body.GetProperty("detail").GetString().Should().Be(wrongPassword.Body.GetProperty("detail").GetString());
            answer.State.Should().Be(wrongPassword.State).And.Be("Credentials");
            answer.AttemptsRemaining.Should().Be(wrongPassword.AttemptsRemaining).And.Be(4);
            answer.Flow.TryGetProperty("user", out _).Should().BeFalse();
        }
    }

    [Fact]
    public async Task MemberWhoLeftIsRefusedAndLosesTheirSessions()
    {
        await fixture.Factory.AddUserAsync("leaver", "leaver-Pass-1");
        await Sim.PutUserAsync("leaver", "离职者", 1, [3]);
        var token = (await _client.LoginAsync("leaver", "leaver-Pass-1")).Token;

        await Sim.PutUserAsync("leaver", "离职者", 5, [3]); // status 5: left the company
        var refused = await _client.LoginAsync("leaver", "leaver-Pass-1");

        refused.Code.Should().Be("invalid_credentials");
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OneAccessTokenServesManyLoginsAndIsRefreshedOnceWhenExpired()
    {
        await _client.LoginAsync("zhangsan", "zhangsan-Pass-1");
        var issued = await Sim.TokensIssuedAsync();

        for (var i = 0; i < 5; i++) (await _client.LoginAsync("zhangsan", "zhangsan-Pass-1")).State.Should().Be("Issued");
        (await Sim.TokensIssuedAsync()).Should().Be(issued, "the cached token serves every login");

        await Sim.ExpireTokensAsync(); // WeCom now answers 42001 to the cached token
        (await _client.LoginAsync("zhangsan", "zhangsan-Pass-1")).State.Should().Be("Issued");
        (await Sim.TokensIssuedAsync()).Should().Be(issued + 1, "refreshed once, on 42001");
    }

    [Fact]
    public async Task ASecondInstanceUsesTheSameAccessTokenThroughRedis()
    {
        (await _client.LoginAsync("zhangsan", "zhangsan-Pass-1")).State.Should().Be("Issued");
        var issued = await Sim.TokensIssuedAsync();
        var settings = fixture.Factory.SharedSettings.Concat(fixture.Factory.WeComSettings).ToDictionary();
        await using var instanceB = await ApiProcess.StartAsync(settings, Path.Combine(fixture.Factory.DataDirectory, "instance-b"));

        var onB = await new FlowClient(instanceB.Client).LoginAsync("zhangsan", "zhangsan-Pass-1");

        onB.State.Should().Be("Issued");
        (await Sim.TokensIssuedAsync()).Should().Be(issued, "instance B found the token instance A fetched");
    }

    [Fact]
    public async Task ADegradedLoginNeitherHonoursNorRemembersADevice()
    {
        var user = await fixture.Factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserId == "zhangsan"));
        string token;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
            token = (await scope.ServiceProvider.GetRequiredService<IRememberedDevices>()
                .RememberAsync("zhangsan", user.SessionEpoch, TimeSpan.FromDays(30), new ClientInfo(null, null, ""), default)).Token;
        await Sim.FailAsync(endpoint: "user/get", down: true);
        var mailsBefore = (await fixture.Factory.Mailbox.MailsToAsync("zhangsan@corp.example")).Count;
        var flow = FlowClient.Id(await _client.StartAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{FlowClient.Base}/{flow}/password")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { userId = "zhangsan", password = "zhangsan-Pass-1" }),
        };
        request.Headers.Add("X-Remembered-Device", token);

        var captcha = await _client.SendAsync(request);

        captcha.State.Should().Be("Captcha", "a remembered device never stands in for the forced second factor");
        captcha.Flow.GetProperty("actions")[0].GetProperty("fields").GetArrayLength().Should().Be(1, "no \"remember this device\" when degraded");
        var mail = await fixture.Factory.WaitForMailAsync("zhangsan@corp.example", mailsBefore + 1);
        var issued = await _client.PostAsync(flow, "captcha", new { code = mail.Code, rememberDevice = true });
        issued.State.Should().Be("Issued");
        issued.Flow.GetProperty("session").TryGetProperty("rememberedDevice", out _).Should().BeFalse();
    }

    [Fact]
    public async Task DirectoryDownGivesTheDegradedPathWithAForcedSecondFactor()
    {
        await Sim.FailAsync(endpoint: "user/get", down: true);
        var mailsBefore = (await fixture.Factory.Mailbox.MailsToAsync("zhangsan@corp.example")).Count;

        var captcha = await _client.LoginAsync("zhangsan", "zhangsan-Pass-1");

        captcha.State.Should().Be("Captcha");
        captcha.Flow.GetProperty("degraded").GetBoolean().Should().BeTrue();
        captcha.Strings("reasons").Should().Equal("degraded_login");
        var mail = await fixture.Factory.WaitForMailAsync("zhangsan@corp.example", mailsBefore + 1);
        var issued = await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code = mail.Code });
        issued.State.Should().Be("Issued");
        var session = await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, issued.Token);
        session.Body.GetProperty("degraded").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(45009)]
    [InlineData(45033)]
    public async Task WeComSystemErrorsMeanUnavailableNotUnknown(int errcode)
    {
        await Sim.FailAsync(endpoint: "user/get", errcode: errcode);

        var answer = await _client.LoginAsync("zhangsan", "zhangsan-Pass-1");

        answer.State.Should().Be("Captcha");
        answer.Flow.GetProperty("degraded").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task ADirectorySlowerThanTheAttemptTimeoutIsUnavailable()
    {
        await Sim.FailAsync(endpoint: "user/get", latencyMs: 2500);

        var answer = await _client.LoginAsync("zhangsan", "zhangsan-Pass-1");

        answer.State.Should().Be("Captcha");
        answer.Flow.GetProperty("degraded").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task DirectoryDownAndNoLocalPasswordIsRefusedWithTheWrongPasswordAnswer()
    {
        await Sim.FailAsync(endpoint: "user/get", down: true);

        var noLocalPassword = await _client.LoginAsync("lisi", "anything-at-all");
        var wrongPassword = await _client.LoginAsync("zhangsan", "not-the-password");

        foreach (var answer in new[] { noLocalPassword, wrongPassword })
        {
            answer.Status.Should().Be(HttpStatusCode.Unauthorized);
            answer.Code.Should().Be("invalid_credentials");
            answer.State.Should().Be("PasswordFallback");
            answer.AttemptsRemaining.Should().Be(4);
        }
        noLocalPassword.Body.GetProperty("detail").GetString().Should().Be(wrongPassword.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DegradedUserWithoutAReachableSecondFactorFailsAndIsNeverIssued()
    {
        await Sim.FailAsync(endpoint: "user/get", down: true);

        var failed = await _client.LoginAsync("nomail", "nomail-Pass-1");

        failed.State.Should().Be("Failed");
        failed.Flow.GetProperty("messages")[0].GetProperty("code").GetString().Should().Be("second_factor_unavailable");
        failed.Token.Should().BeNull();
        failed.Actions.Should().BeEmpty();
    }

    [Fact]
    public async Task WithFallbackDisabledADownDirectoryAnswers503AndCountsNoAttempt()
    {
        await fixture.Factory.SetSettingAsync("authentication", "password_fallback_enabled", false);
        try
        {
            await Sim.FailAsync(endpoint: "user/get", down: true);

            var answer = await _client.LoginAsync("zhangsan", "zhangsan-Pass-1");

            answer.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
            answer.Code.Should().Be("wecom_unavailable");
            answer.State.Should().Be("Credentials");
            answer.AttemptsRemaining.Should().Be(5);
        }
        finally
        {
            await fixture.Factory.SetSettingAsync("authentication", "password_fallback_enabled", true);
        }
    }

    [Fact]
    public async Task CodesCanGoAsWeComMessagesToTheUserIdWithoutBinding()
    {
        await fixture.Factory.SetSettingAsync("authentication", "type", "two_factor");
        await fixture.Factory.SetSettingAsync("two_factor", "send_method", "wecom");
        try
        {
            var captcha = await _client.LoginAsync("lisi-msg", "x"); // unknown: refused as usual
            captcha.Code.Should().Be("invalid_credentials");

            await fixture.Factory.AddUserAsync("msg-user", "msg-user-Pass-1");
            await Sim.PutUserAsync("msg-user", "消息用户", 1, [4]);
            var flow = await _client.LoginAsync("msg-user", "msg-user-Pass-1");
            flow.State.Should().Be("Captcha");
            flow.Flow.GetProperty("captcha").GetProperty("channel").GetString().Should().Be("wecom");

            var deadline = DateTime.UtcNow.AddSeconds(20);
            string? content = null;
            while (content is null && DateTime.UtcNow < deadline)
            {
                content = (await Sim.MessagesAsync()).Where(m => m.To == "msg-user").Select(m => m.Content).FirstOrDefault();
                await Task.Delay(100);
            }
            var code = System.Text.RegularExpressions.Regex.Match(content!, @"\d{6}").Value;
            (await _client.PostAsync(FlowClient.Id(flow), "captcha", new { code })).State.Should().Be("Issued");
        }
        finally
        {
            await fixture.Factory.SetSettingAsync("authentication", "type", "none");
            await fixture.Factory.SetSettingAsync("two_factor", "send_method", "email");
        }
    }

    [Fact]
    public async Task NoWeComSecretOrAccessTokenInAnyLogLine()
    {
        await _client.LoginAsync("zhangsan", "zhangsan-Pass-1");
        await Sim.ExpireTokensAsync();
        await _client.LoginAsync("zhangsan", "zhangsan-Pass-1");

        fixture.Factory.Logs.Lines.Should().Contain(l => l.Contains("Fetched a new WeCom access token"), "the capture sees the client's lines");
        fixture.Factory.Logs.Lines.Should().NotContain(l => l.Contains(SimulatorApp.Secret) || l.Contains("simtoken-"));
    }
}
