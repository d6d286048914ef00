using System.Net;
using LoginOrchestrator.Tests.Support;
using LoginOrchestrator.WeComSimulator;
using Microsoft.AspNetCore.Hosting;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// Issue 15 with WeCom on: ids no account can have, errcodes that are no outage (they fail closed), the departed verdict
/// kept through an outage, and WeCom's redirect_uri from the configured origin.
/// </summary>
public sealed class WeComFailClosedTests(WeComFixture fixture) : IClassFixture<WeComFixture>, IAsyncLifetime
{
    private readonly FlowClient _client = new(fixture.Factory.CreateClient());
    private WeComSimulatorHost Sim => fixture.Simulator;

    public Task InitializeAsync() => Sim.HealAsync();

    public Task DisposeAsync() => Sim.HealAsync();

    /// <summary>Issue 15.1 with WeCom on: an id no account can have is refused like a wrong password, not asked of WeCom.</summary>
    [Theory]
    [InlineData("varia\u200Bnt1", "variant1")]
    [InlineData("v\u00E4riant2", "variant2")]
    public async Task AnIdOutsideTheAllowedSetIsTheWrongPasswordAnswer(string typed, string userId)
    {
        await fixture.Factory.AddUserAsync(userId, $"{userId}-Pass-1");
        await Sim.PutUserAsync(userId, userId, 1, [1]);
        var wrongPassword = await _client.LoginAsync(userId, "not-the-password");

        var variant = await _client.LoginAsync(typed, $"{userId}-Pass-1");

        variant.Status.Should().Be(wrongPassword.Status).And.Be(HttpStatusCode.Unauthorized);
        variant.Code.Should().Be("invalid_credentials");
        variant.State.Should().Be(wrongPassword.State);
    }

    /// <summary>Issue 15.3: only "WeCom is unavailable" degrades; any other errcode fails closed, for everyone.</summary>
    /// <remarks>Each case its own member: a refusal counts against the account's lock-out like a wrong password.</remarks>
    [Theory]
    [InlineData("closed1", 1, 40003)] // invalid userid
    [InlineData("closed2", 2, 40003)] // a departed member (status 2), the reported attack
    [InlineData("closed3", 1, 48002)] // API forbidden
    [InlineData("closed4", 1, 60020)] // IP not trusted
    public async Task AnyOtherWeComErrcodeFailsClosedWithTheWrongPasswordAnswer(string userId, int status, int errcode)
    {
        await fixture.Factory.AddUserAsync(userId, $"{userId}-Pass-1", email: $"{userId}@corp.example");
        await Sim.PutUserAsync(userId, userId, status, [1]);
        await Sim.FailAsync(endpoint: "user/get", errcode: errcode);

        var answer = await _client.LoginAsync(userId, $"{userId}-Pass-1");

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.Code.Should().Be("invalid_credentials");
        answer.Flow.GetProperty("degraded").GetBoolean().Should().BeFalse();
        fixture.Factory.Logs.Lines.Should().Contain(l => l.Contains($"errcode {errcode}") && l.Contains("refused, not degraded"));
    }

    [Fact]
    public async Task AnErrcodeFromGettokenFailsClosedToo()
    {
        await fixture.Factory.AddUserAsync("closed5", "closed5-Pass-1", email: "closed5@corp.example");
        await Sim.PutUserAsync("closed5", "closed5", 1, [1]);
        await Sim.ExpireTokensAsync();
        await Sim.FailAsync(endpoint: "gettoken", errcode: 40001); // invalid secret

        var answer = await _client.LoginAsync("closed5", "closed5-Pass-1");

        answer.Code.Should().Be("invalid_credentials");
        answer.Flow.GetProperty("degraded").GetBoolean().Should().BeFalse();
    }

    /// <summary>Issue 15.3: a member WeCom called departed stays refused while WeCom is down, until WeCom confirms them again.</summary>
    [Fact]
    public async Task AMemberSeenAsDepartedIsRefusedWhileWeComIsDown()
    {
        await fixture.Factory.AddUserAsync("leaver2", "leaver2-Pass-1", email: "leaver2@corp.example");
        await Sim.PutUserAsync("leaver2", "离职者", 1, [3]);
        (await _client.LoginAsync("leaver2", "leaver2-Pass-1")).State.Should().Be("Issued");
        await Sim.PutUserAsync("leaver2", "离职者", 5, [3]);
        (await _client.LoginAsync("leaver2", "leaver2-Pass-1")).Code.Should().Be("invalid_credentials");

        await Sim.FailAsync(endpoint: "user/get", down: true);
        var whileDown = await _client.LoginAsync("leaver2", "leaver2-Pass-1");

        whileDown.Status.Should().Be(HttpStatusCode.Unauthorized);
        whileDown.Code.Should().Be("invalid_credentials");
        whileDown.State.Should().Be("PasswordFallback", "the flow degraded, but the local password of a departed member does not pass");

        await Sim.HealAsync();
        await Sim.PutUserAsync("leaver2", "离职者", 1, [3]);
        (await _client.LoginAsync("leaver2", "leaver2-Pass-1")).State.Should().Be("Issued", "WeCom confirming the member lifts the verdict");
    }

    /// <summary>Issue 15.9: WeCom's redirect_uri is the configured public origin; a forged Host header does not move it.</summary>
    [Fact]
    public async Task TheRedirectUriIgnoresTheRequestsHostHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FlowClient.Base);
        request.Headers.Host = "attacker.example";
        var response = await _client.Http.SendAsync(request);
        var flow = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var action = flow.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "submitWeComCode");
        var redirect = System.Web.HttpUtility.ParseQueryString(new Uri(action.GetProperty("authorizeUrl").GetString()!).Query)["redirect_uri"];
        redirect.Should().Be("https://login.corp.example/");
    }

    [Fact]
    public void WeComWithoutAPublicOriginStopsTheStart()
    {
        using var factory = new WeComWithoutOriginFactory();

        var start = () => factory.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message.Should().Contain("Login:PublicOrigin");
    }

    private sealed class WeComWithoutOriginFactory : LoginApiFactory
    {
        protected override bool Embedded => true;

        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("WeCom:CorpId", SimulatorApp.CorpId);
            builder.UseSetting("WeCom:Secret", SimulatorApp.Secret);
            builder.UseSetting("WeCom:AgentId", "1000002");
        }
    }
}
