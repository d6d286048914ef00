using System.Net;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>Rules every flow keeps: order of actions, expiry, unknown ids, races, redirects.</summary>
public sealed class FlowRulesTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Theory]
    [InlineData("otp")]
    [InlineData("captcha")]
    [InlineData("bind")]
    [InlineData("recovery-code")]
    [InlineData("captcha/resend")]
    public async Task ActionNotOfferedIs409AndTheFlowIsUnchanged(string action)
    {
        var flowId = FlowClient.Id(await _client.StartAsync());
        object body = action == "bind" ? new { channel = "email", target = "a@corp.example" } : new { code = "123456" };

        var answer = await _client.PostAsync(flowId, action, action == "captcha/resend" ? null : body);

        answer.Status.Should().Be(HttpStatusCode.Conflict);
        answer.Code.Should().Be("action_not_allowed");
        answer.State.Should().Be("Credentials");
        answer.AttemptsRemaining.Should().Be(5);
        (await _client.GetAsync(flowId)).State.Should().Be("Credentials");
    }

    [Fact]
    public async Task IssuedFlowRefusesAnotherPassword()
    {
        var issued = await _client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);

        var again = await _client.PasswordAsync(FlowClient.Id(issued), LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);

        again.Status.Should().Be(HttpStatusCode.Conflict);
        again.State.Should().Be("Issued");
        again.Token.Should().BeNull();
    }

    [Fact]
    public async Task FlowPastItsLifetimeIsGoneExpiredAndAudited()
    {
        var flowId = FlowClient.Id(await _client.StartAsync());

        factory.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var answer = await _client.PasswordAsync(flowId, LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);

        answer.Status.Should().Be(HttpStatusCode.Gone);
        answer.Code.Should().Be("flow_expired");
        answer.State.Should().Be("Expired");
        answer.Token.Should().BeNull();
        (await _client.GetAsync(flowId)).Status.Should().Be(HttpStatusCode.Gone);
        (await factory.EventuallyFromDbAsync(db => db.LoginAudit.Where(a => a.FlowId == flowId).Select(a => a.Outcome).ToListAsync(), rows => rows.Count > 0))
            .Should().Equal("Expired");
    }

    [Fact]
    public async Task UnknownFlowIsNotFound()
    {
        var answer = await _client.GetAsync("no-such-flow");

        answer.Status.Should().Be(HttpStatusCode.NotFound);
        answer.Code.Should().Be("flow_not_found");
    }

    [Fact]
    public async Task FlowIdsCarryAtLeast128RandomBits()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 20; i++) ids.Add(FlowClient.Id(await _client.StartAsync()));

        ids.Should().HaveCount(20);
        ids.Should().OnlyContain(id => System.Buffers.Text.Base64Url.DecodeFromChars(id).Length * 8 >= 128);
    }

    [Fact]
    public async Task TwoRequestsRacingOnOneFlowNeverBothSucceed()
    {
        var flowId = FlowClient.Id(await _client.StartAsync());

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            _client.PasswordAsync(flowId, LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword)));

        answers.Count(a => a.Status == HttpStatusCode.OK).Should().Be(1);
        answers.Where(a => a.Status != HttpStatusCode.OK).Should().OnlyContain(a => a.Status == HttpStatusCode.Conflict);
        answers.Count(a => a.Token is not null).Should().Be(1);
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("https://desk.corp.example/app/tickets")]
    public async Task AllowedReturnUrlIsKept(string returnTo)
    {
        var answer = await _client.StartAsync(new { returnTo });

        answer.Status.Should().Be(HttpStatusCode.Created);
        answer.Flow.GetProperty("returnTo").GetString().Should().Be(returnTo);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/path")]
    [InlineData("/\\evil.example")]
    [InlineData("https://desk.corp.example.evil.example/app")]
    [InlineData("https://desk.corp.example/other")]
    [InlineData("javascript:alert(1)")]
    public async Task ReturnUrlOutsideTheAllowListIsRefused(string returnTo)
    {
        var answer = await _client.StartAsync(new { returnTo });

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Code.Should().Be("invalid_request");
        answer.Body.GetProperty("errors").TryGetProperty("returnTo", out _).Should().BeTrue();
    }
}
