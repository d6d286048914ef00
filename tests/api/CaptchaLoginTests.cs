using System.Net;
using System.Security.Cryptography;
using System.Text;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.Tests;

/// <summary>Two-factor policy on: the second factor is a code mailed by a Hangfire job to the outbox.</summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class CaptchaLoginTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>, IAsyncLifetime
{
    private readonly LoginApiFactory _factory = factory;
    private readonly FlowClient _client = new(factory.CreateClient());

    public Task InitializeAsync() => _factory.SetSettingAsync("authentication", "type", "two_factor");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PasswordThenMailedCodeReachesIssued()
    {
        await _factory.AddUserAsync("zhangsan", "zhangsan-Pass-1", email: "zhangsan@corp.example");

        var captcha = await _client.LoginAsync("zhangsan", "zhangsan-Pass-1");
        captcha.State.Should().Be("Captcha");
        captcha.Strings("reasons").Should().Equal("two_factor_policy");
        var ticket = captcha.Flow.GetProperty("captcha");
        ticket.GetProperty("channel").GetString().Should().Be("email");
        ticket.GetProperty("maskedTarget").GetString().Should().Be("z***@corp.example");
        captcha.Flow.GetProperty("messages")[0].GetProperty("code").GetString().Should().Be("code_sent");

        var mail = await _factory.WaitForMailAsync("zhangsan@corp.example");
        mail.Subject.Should().Be("LoginOrchestrator 登录验证码");
        var code = mail.Code;
        code.Should().MatchRegex("^[0-9]{6}$");

        var issued = await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code });

        issued.State.Should().Be("Issued");
        issued.Strings("factors").Should().Equal("password", "captcha");
        issued.Token.Should().NotBeNull();
    }

    /// <summary>
    /// During an upgrade: a code an instance of the earlier version stored (its hash bound to flow, channel and target,
    /// no check hash) is still checked: a wrong answer counted, the right one accepted.
    /// </summary>
    [Fact]
    public async Task ACodeStoredByAnEarlierVersionIsStillChecked()
    {
        await _factory.AddUserAsync("earlier", "earlier-Pass-1", email: "earlier@corp.example");
        var captcha = await _client.LoginAsync("earlier", "earlier-Pass-1");
        var flowId = FlowClient.Id(captcha);
        await _factory.WaitForMailAsync("earlier@corp.example");
        var key = _factory.Services.GetRequiredService<RedisKeys>().Captcha(flowId);
        var secret = await _factory.Services.GetRequiredService<ICodeHashKey>().GetAsync(default);
        var earlierHash = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{flowId}\nemail\nearlier@corp.example\n123456"));
        var redis = _factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        (await redis.HashDeleteAsync(key, "check")).Should().BeTrue("this version stores a check hash");
        await redis.HashSetAsync(key, "hash", Convert.ToBase64String(earlierHash));

        var wrong = await _client.PostAsync(flowId, "captcha", new { code = "654321" });
        wrong.Code.Should().Be("code_invalid");
        (await redis.HashGetAsync(key, "wrong")).Should().Be(1);
        var issued = await _client.PostAsync(flowId, "captcha", new { code = "123456" });
        issued.State.Should().Be("Issued");
    }

    [Fact]
    public async Task DeliveryStatusTurnsSentOnceTheJobRan()
    {
        await _factory.AddUserAsync("delivered", "delivered-Pass-1", email: "delivered@corp.example");
        var captcha = await _client.LoginAsync("delivered", "delivered-Pass-1");
        await _factory.WaitForMailAsync("delivered@corp.example");

        var flow = await _client.GetAsync(FlowClient.Id(captcha));

        flow.Flow.GetProperty("captcha").GetProperty("delivery").GetString().Should().Be("sent");
    }

    [Fact]
    public async Task WrongCodeIsCodeInvalidAndTheFlowStaysInCaptcha()
    {
        await _factory.AddUserAsync("wrongcode", "wrongcode-Pass-1", email: "wrongcode@corp.example");
        var captcha = await _client.LoginAsync("wrongcode", "wrongcode-Pass-1");
        captcha.State.Should().Be("Captcha", captcha.Body.ToString());
        var code = (await _factory.WaitForMailAsync("wrongcode@corp.example")).Code;

        var wrong = await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code = code == "000000" ? "111111" : "000000" });

        wrong.Status.Should().Be(HttpStatusCode.Unauthorized);
        wrong.Code.Should().Be("code_invalid");
        wrong.State.Should().Be("Captcha");
        wrong.AttemptsRemaining.Should().Be(4);
    }

    [Fact]
    public async Task ResendDuringTheCooldownIsRateLimitedAndAfterItKillsTheFirstCode()
    {
        await _factory.AddUserAsync("resend", "resend-Pass-1", email: "resend@corp.example");
        var captcha = await _client.LoginAsync("resend", "resend-Pass-1");
        var flowId = FlowClient.Id(captcha);
        captcha.Actions.Should().Equal("submitCaptcha");
        var first = (await _factory.WaitForMailAsync("resend@corp.example")).Code;

        var early = await _client.PostAsync(flowId, "captcha/resend");
        early.Status.Should().Be(HttpStatusCode.TooManyRequests);
        early.Code.Should().Be("rate_limited");
        early.Response.Headers.RetryAfter!.Delta.Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));

        _factory.Clock.Advance(TimeSpan.FromSeconds(61));
        (await _client.GetAsync(flowId)).Actions.Should().Contain("resendCaptcha");
        var resent = await _client.PostAsync(flowId, "captcha/resend");
        resent.Status.Should().Be(HttpStatusCode.OK);
        resent.State.Should().Be("Captcha");
        var second = (await _factory.WaitForMailAsync("resend@corp.example", count: 2)).Code;

        if (first != second)
            (await _client.PostAsync(flowId, "captcha", new { code = first })).Code.Should().Be("code_invalid");
        (await _client.PostAsync(flowId, "captcha", new { code = second })).State.Should().Be("Issued");
    }

    [Fact]
    public async Task CodePastItsLifetimeIsCodeExpiredAndTheFlowStaysInCaptcha()
    {
        await _factory.AddUserAsync("slow", "slow-Pass-1", email: "slow@corp.example");
        var captcha = await _client.LoginAsync("slow", "slow-Pass-1");
        var code = (await _factory.WaitForMailAsync("slow@corp.example")).Code;

        _factory.Clock.Advance(TimeSpan.FromSeconds(301));
        var late = await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code });

        late.Status.Should().Be(HttpStatusCode.Gone);
        late.Code.Should().Be("code_expired");
        late.State.Should().Be("Captcha");
    }

    [Fact]
    public async Task UserWithoutEmailBindsOneAndItIsSavedOnlyAfterTheCodeComesBack()
    {
        await _factory.AddUserAsync("newcomer", "newcomer-Pass-1");

        var bind = await _client.LoginAsync("newcomer", "newcomer-Pass-1");
        bind.State.Should().Be("TwoFactorBind");
        bind.Strings("reasons").Should().Equal("contact_unbound");
        var flowId = FlowClient.Id(bind);

        var invalid = await _client.PostAsync(flowId, "bind", new { channel = "email", target = "not-an-address" });
        invalid.Status.Should().Be(HttpStatusCode.BadRequest);
        invalid.State.Should().Be("TwoFactorBind");

        var captcha = await _client.PostAsync(flowId, "bind", new { channel = "email", target = "Newcomer@Corp.Example" });
        captcha.State.Should().Be("Captcha");
        (await EmailOf("newcomer")).Should().BeNull("nothing is bound before the code comes back");

        var code = (await _factory.WaitForMailAsync("newcomer@corp.example")).Code;
        (await _client.PostAsync(flowId, "captcha", new { code })).State.Should().Be("Issued");
        (await EmailOf("newcomer")).Should().Be("newcomer@corp.example");
    }

    private Task<string?> EmailOf(string userId) =>
        _factory.WithDbAsync(db => db.Users.Where(u => u.UserId == userId).Select(u => u.Email).SingleAsync());
}
