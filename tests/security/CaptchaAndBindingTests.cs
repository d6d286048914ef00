using System.Net;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using LoginOrchestrator.Stores.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Points 5 and 6: captcha codes (hashed, bound, short-lived, single use, five wrong kill) and first-use binding.</summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class CaptchaAndBindingTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>, IAsyncLifetime
{
    private readonly FlowClient _client = new(factory.CreateClient());

    public Task InitializeAsync() => factory.SetSettingAsync("authentication", "type", "two_factor");

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(string Flow, string Code)> CaptchaAsync(string userId)
    {
        await factory.AddUserAsync(userId, $"{userId}-Pass-1", email: $"{userId}@corp.example");
        var captcha = await _client.LoginAsync(userId, $"{userId}-Pass-1");
        captcha.State.Should().Be("Captcha");
        return (FlowClient.Id(captcha), (await factory.WaitForMailAsync($"{userId}@corp.example")).Code);
    }

    [Fact]
    public async Task TheCodeIsStoredOnlyAsAHash()
    {
        var (flow, code) = await CaptchaAsync("hashed");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var stored = await redis.GetDatabase().HashGetAllAsync(factory.Services.GetRequiredService<RedisKeys>().Captcha(flow));

        stored.Should().NotBeEmpty();
        stored.Select(e => e.Value.ToString()).Should().NotContain(v => v.Contains(code));
    }

    /// <summary>
    /// Issue 15.4: what an attacker with a Redis dump does: try all 10^6 codes against the stored hash and the plaintext
    /// flow, channel and target beside it. The hash is keyed by a server secret that is not in Redis, so nothing matches.
    /// </summary>
    [Fact]
    public async Task ARedisDumpAloneDoesNotRecoverTheCode()
    {
        var (flow, code) = await CaptchaAsync("dumped");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var stored = (await redis.GetDatabase().HashGetAllAsync(factory.Services.GetRequiredService<RedisKeys>().Captcha(flow))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        var hash = Convert.FromBase64String(stored["hash"]);
        var check = Convert.FromBase64String(stored["check"]);
        var prefix = $"{stored["flow"]}\n{stored["channel"]}\n{stored["target"]}\n";
        string[] checkPrefixes = [$"check\n{stored["flow"]}\n", $"{stored["flow"]}\n"];

        bool PlainHashOf(string text, byte[] stored) =>
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)).AsSpan().SequenceEqual(stored);
        var found = Enumerable.Range(0, 1_000_000).AsParallel().Select(n => n.ToString("D6"))
            .Where(candidate => PlainHashOf(prefix + candidate, hash) || checkPrefixes.Any(p => PlainHashOf(p + candidate, check)))
            .ToList();

        found.Should().BeEmpty("neither stored hash may be a plain hash of the plaintext beside it");
        (await _client.PostAsync(flow, "captcha", new { code })).State.Should().Be("Issued", "the keyed hash still checks the code");
    }

    [Fact]
    public async Task ACodeIsBoundToItsFlow()
    {
        var (_, code) = await CaptchaAsync("boundA");
        var (otherFlow, _) = await CaptchaAsync("boundB");

        (await _client.PostAsync(otherFlow, "captcha", new { code })).Code.Should().Be("code_invalid");
    }

    [Fact]
    public async Task ACodeIsAcceptedOneSecondBeforeExpiryAndRefusedOneSecondAfter()
    {
        var (early, earlyCode) = await CaptchaAsync("expiry1");
        factory.Clock.Advance(TimeSpan.FromSeconds(300 - 1));
        (await _client.PostAsync(early, "captcha", new { code = earlyCode })).State.Should().Be("Issued");

        var (late, lateCode) = await CaptchaAsync("expiry2");
        factory.Clock.Advance(TimeSpan.FromSeconds(300 + 1));
        var refused = await _client.PostAsync(late, "captcha", new { code = lateCode });
        refused.Status.Should().Be(HttpStatusCode.Gone);
        refused.Code.Should().Be("code_expired");
    }

    [Fact]
    public async Task FiveWrongAnswersKillTheCode()
    {
        await factory.SetSettingAsync("flow", "max_attempts", 10);
        await factory.SetSettingAsync("lockout", "max_failures", 20);
        try
        {
            var (flow, code) = await CaptchaAsync("fivewrong");
            var wrong = code == "000000" ? "111111" : "000000";
            for (var i = 0; i < 5; i++) (await _client.PostAsync(flow, "captcha", new { code = wrong })).Code.Should().Be("code_invalid");

            (await _client.PostAsync(flow, "captcha", new { code })).Code.Should().Be("code_expired", "the right code is dead after five wrong ones");
        }
        finally
        {
            await factory.SetSettingAsync("flow", "max_attempts", 5);
            await factory.SetSettingAsync("lockout", "max_failures", 5);
        }
    }

    [Fact]
    public async Task HundredParallelSubmitsOfTheRightCodeIssueExactlyOnce()
    {
        var (flow, code) = await CaptchaAsync("parallel");

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => _client.PostAsync(flow, "captcha", new { code })));

        answers.Count(a => a.Token is not null).Should().Be(1);
        answers.Where(a => a.Token is null).Should().AllSatisfy(a => ((int)a.Status).Should().BeInRange(400, 499));
    }

    [Fact]
    public async Task ATargetIsBoundOnlyOnceACodeSentToItCameBack()
    {
        await factory.AddUserAsync("binder", "binder-Pass-1");
        var bind = await _client.LoginAsync("binder", "binder-Pass-1");
        bind.State.Should().Be("TwoFactorBind");
        var captcha = await _client.PostAsync(FlowClient.Id(bind), "bind", new { channel = "email", target = "binder.new@corp.example" });
        captcha.State.Should().Be("Captcha");
        var code = (await factory.WaitForMailAsync("binder.new@corp.example")).Code;

        (await EmailOfAsync("binder")).Should().BeNull("nothing is bound before the code comes back");
        await _client.PostAsync(FlowClient.Id(bind), "captcha", new { code = code == "000000" ? "111111" : "000000" });
        (await EmailOfAsync("binder")).Should().BeNull("a wrong code binds nothing");

        (await _client.PostAsync(FlowClient.Id(bind), "captcha", new { code })).State.Should().Be("Issued");
        (await EmailOfAsync("binder")).Should().Be("binder.new@corp.example");
    }

    private Task<string?> EmailOfAsync(string userId) =>
        factory.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserId == userId).Email));

    /// <summary>Issue 15.11: a contact bound to one active user cannot be bound to another; the refusal says not whose.</summary>
    [Fact]
    public async Task AContactOfAnotherActiveUserCannotBeBound()
    {
        await factory.AddUserAsync("boxowner7", "boxowner7-Pass-1", email: "shared.box@corp.example");
        await factory.AddUserAsync("grabber", "grabber-Pass-1");
        var bind = await _client.LoginAsync("grabber", "grabber-Pass-1");
        bind.State.Should().Be("TwoFactorBind");

        var refused = await _client.PostAsync(FlowClient.Id(bind), "bind", new { channel = "email", target = "Shared.Box@corp.example" });

        refused.Status.Should().Be(HttpStatusCode.Conflict);
        refused.Code.Should().Be("target_unavailable");
        refused.State.Should().Be("TwoFactorBind", "another contact may still be bound");
        refused.Body.GetProperty("errors").TryGetProperty("target", out _).Should().BeTrue();
        refused.Body.GetRawText().Should().NotContain("boxowner7", "the refusal must not tell whose the contact is");
        (await _client.PostAsync(FlowClient.Id(bind), "bind", new { channel = "email", target = "grabber.own@corp.example" })).State.Should().Be("Captcha");
    }

    [Fact]
    public async Task ADisabledUsersContactOrASharingSettingLetsTheContactBeBound()
    {
        await factory.AddUserAsync("gone-holder", "gone-holder-Pass-1", email: "left.box@corp.example", disabled: true);
        await factory.AddUserAsync("heir", "heir-Pass-1");
        var heir = await _client.LoginAsync("heir", "heir-Pass-1");
        (await _client.PostAsync(FlowClient.Id(heir), "bind", new { channel = "email", target = "left.box@corp.example" })).State.Should().Be("Captcha");

        await factory.AddUserAsync("team-holder", "team-holder-Pass-1", email: "team.box@corp.example");
        await factory.AddUserAsync("teammate", "teammate-Pass-1");
        await factory.SetSettingAsync("two_factor", "shared_contacts_allowed", true);
        try
        {
            var mate = await _client.LoginAsync("teammate", "teammate-Pass-1");
            (await _client.PostAsync(FlowClient.Id(mate), "bind", new { channel = "email", target = "team.box@corp.example" })).State.Should().Be("Captcha");
        }
        finally
        {
            await factory.SetSettingAsync("two_factor", "shared_contacts_allowed", false);
        }
    }

    [Fact]
    public async Task AnAdminCannotGiveANewUserAnotherUsersContact()
    {
        await factory.AddUserAsync("mobowner7", "mobowner7-Pass-1", mobile: "13900139000");
        var admin = await factory.AdminTokenAsync(_client);

        var refused = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/users", System.Net.Http.Json.JsonContent.Create(
            new { userId = "second-mobile", name = "Second", role = "agent", mobile = "139-0013-9000" }), admin);

        refused.Status.Should().Be(HttpStatusCode.Conflict);
        refused.Code.Should().Be("contact_taken");
        refused.Body.GetRawText().Should().NotContain("mobowner7");
    }
}

/// <summary>WeCom configured but unreachable: every login is degraded.</summary>
public sealed class WeComDownFactory : LoginApiFactory
{
    /// <summary>The WeCom client's retry delays run on the host's clock: a frozen one would never let them end.</summary>
    protected override bool FakeClock => false;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("WeCom:CorpId", "wwdowncorp");
        builder.UseSetting("Login:PublicOrigin", "https://login.corp.example");
        builder.UseSetting("WeCom:Secret", "down-secret");
        builder.UseSetting("WeCom:AgentId", "1000002");
        builder.UseSetting("WeCom:BaseUrl", $"http://127.0.0.1:{LocalMachine.FreePort()}");
    }
}

/// <summary>Point 6, the other half: a degraded login never binds a contact.</summary>
public sealed class DegradedBindingTests(WeComDownFactory factory) : IClassFixture<WeComDownFactory>
{
    [Fact]
    public async Task ADegradedUserWithoutAContactFailsInsteadOfBinding()
    {
        var client = new FlowClient(factory.CreateClient());
        await factory.AddUserAsync("nocontact", "nocontact-Pass-1");

        var answer = await client.LoginAsync("nocontact", "nocontact-Pass-1");

        answer.Flow.GetProperty("degraded").GetBoolean().Should().BeTrue();
        answer.State.Should().Be("Failed");
        answer.Actions.Should().NotContain("submitBindTarget");
        answer.Token.Should().BeNull();
    }
}
