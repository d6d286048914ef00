using System.Net;
using System.Text.Json;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace LoginOrchestrator.Security.Tests;

/// <summary>
/// The default limits ÷ <see cref="Scale"/>, behind a proxy on loopback (the client address is X-Forwarded-For's).
/// The rush and the guesser below are scaled by the same factor: users per minute, wrong answers and codes against
/// limits per minute, hour and day keep the ratios of README's arithmetic (500 people in 5 minutes).
/// </summary>
public sealed class ScaledDefaultsFactory : KestrelLoginApiFactory
{
    public const int Scale = 10;
    public static readonly RateLimitOptions Defaults = new();

    public static int AttemptsPerMinute => Defaults.PerIpPerMinute / Scale;
    public static int FailuresPerHour => Defaults.FailuresPerIpPerHour / Scale;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("RateLimits:PerIpPerMinute", AttemptsPerMinute.ToString());
        builder.UseSetting("RateLimits:FailuresPerIpPerHour", FailuresPerHour.ToString());
        builder.UseSetting("RateLimits:CodesPerIpPerDay", (Defaults.CodesPerIpPerDay / Scale).ToString());
        builder.UseSetting("Proxy:TrustedNetworks:0", "127.0.0.0/8");
    }
}

/// <summary>
/// Issue 25.4: an office of 500 behind one NAT address signs in at 9:00 (password, then an emailed code) within the
/// default limits, while one address guessing passwords across many accounts is stopped; both refusals and their
/// absence show where an admin looks (the refusals list, the metrics).
/// </summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh): the address's windows and the refusals' minutes
public sealed class OfficeRushTests(ScaledDefaultsFactory factory) : IClassFixture<ScaledDefaultsFactory>, IAsyncLifetime
{
    /// <summary>500 people ÷ 10, arriving over 5 minutes: 10 a minute.</summary>
    private const int People = 500 / ScaledDefaultsFactory.Scale;
    private const int RushMinutes = 5;

    /// <summary>One in five types the password wrong once.</summary>
    private const int OneInMistypes = 5;

    private const string Office = "198.51.100.20";
    private const string Guesser = "203.0.113.66";

    private readonly string _run = Guid.NewGuid().ToString("N")[..6];

    public async Task InitializeAsync()
    {
        await factory.SetSettingAsync("authentication", "type", "two_factor");
        factory.Clock.Advance(TimeSpan.FromSeconds(60 - factory.Clock.GetUtcNow().Second % 60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnOfficeBehindOneAddressSignsInAtNineWithinTheDefaults()
    {
        var people = Enumerable.Range(0, People).Select(i => $"rush-{_run}-{i}").ToList();
        foreach (var id in people) await factory.AddUserAsync(id, $"{id}-Pass", email: $"{id}@corp.example", contactsVerified: true);

        var states = new List<string>();
        foreach (var wave in people.Chunk(People / RushMinutes))
        {
            // Everyone in a minute's wave at once, as at a desk at 9:00; the next wave a minute later.
            states.AddRange(await Task.WhenAll(wave.Select((id, i) => SignInAsync(id, mistype: i % OneInMistypes == 0))));
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        states.Should().OnlyContain(s => s == "Issued", $"{People} people, {People / RushMinutes} a minute, within limits of {ScaledDefaultsFactory.AttemptsPerMinute} a minute");
        (await RefusalsAsync()).Where(r => r.GetProperty("clientIp").GetString() == Office).Should().BeEmpty("nobody in the office was refused");
    }

    [Fact]
    public async Task OneAddressGuessingAcrossManyAccountsIsStopped()
    {
        var accounts = Enumerable.Range(0, ScaledDefaultsFactory.FailuresPerHour + 10).Select(i => $"victim-{_run}-{i}").ToList();
        foreach (var id in accounts) await factory.AddUserAsync(id, $"{id}-Secret-Pass");
        var http = Client(Guesser);
        var flows = new FlowClient(http);
        // The hour's window is a clock hour: start at one, so the hour in the test is the limit's.
        var now = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromMinutes(60 - now.Minute) - TimeSpan.FromSeconds(now.Second));

        // One wrong password per account (never enough to lock one), as fast as the address is let, for an hour.
        var guesses = 0;
        var refusals = new List<string>();
        for (var minute = 0; minute < 60 && guesses < accounts.Count; minute++)
        {
            while (guesses < accounts.Count)
            {
                var flow = await flows.StartAsync();
                if (flow.Status == HttpStatusCode.TooManyRequests) break;
                var answer = await flows.PasswordAsync(FlowClient.Id(flow), accounts[guesses], "Summer2026!");
                if (answer.Status == HttpStatusCode.TooManyRequests) break;
                answer.Code.Should().Be("invalid_credentials");
                guesses++;
            }
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        guesses.Should().Be(ScaledDefaultsFactory.FailuresPerHour, "an address gets the hour's wrong answers, however many accounts it spreads them over");
        var seen = (await RefusalsAsync()).Where(r => r.GetProperty("clientIp").GetString() == Guesser).ToList();
        seen.Select(r => r.GetProperty("limit").GetString()).Should().Contain(["attempts_per_ip", "failures_per_ip"],
            "within a minute it meets the attempts limit, then the hour's failures");
        (await ScrapeAsync()).Split('\n').Should().Contain(line =>
            line.StartsWith("lo_rate_limit_refusals_total{", StringComparison.Ordinal) && line.Contains("limit=\"failures_per_ip\"", StringComparison.Ordinal),
            "the refusals are counted by limit in /metrics");
    }

    /// <summary>Issue 25.2: an admin vouches for a VPN's egress address; it gets the known networks' limits, others keep theirs.</summary>
    [Fact]
    public async Task AnAddressInAKnownNetworkHasItsOwnLimits()
    {
        const string Vpn = "198.51.100.30";
        var admin = new FlowClient(Client("192.0.2.3"));
        var token = await factory.AdminTokenAsync(admin);
        var malformed = await admin.SendAsync(HttpMethod.Put, "/api/v1/admin/settings/rate_limits/known_networks",
            System.Net.Http.Json.JsonContent.Create(new { value = new { networks = new[] { "198.51.100.30/24" } }, enabled = true }), token);
        malformed.Status.Should().Be(HttpStatusCode.UnprocessableEntity, "host bits set: the admin meant a /32 or the network's own address");
        malformed.Body.ToString().Should().Contain("CIDR");
        var saved = await admin.SendAsync(HttpMethod.Put, "/api/v1/admin/settings/rate_limits/known_networks",
            System.Net.Http.Json.JsonContent.Create(new { value = new { networks = new[] { $"{Vpn}/32" } }, enabled = true }), token);
        saved.Status.Should().Be(HttpStatusCode.OK, saved.Body.ToString());

        var fromVpn = new FlowClient(Client(Vpn));
        var created = 0;
        for (var i = 0; i < 2 * ScaledDefaultsFactory.AttemptsPerMinute; i++)
            if ((await fromVpn.StartAsync()).Status == HttpStatusCode.Created) created++;
        var elsewhere = new FlowClient(Client("198.51.100.31"));
        var refusedElsewhere = 0;
        for (var i = 0; i < 2 * ScaledDefaultsFactory.AttemptsPerMinute; i++)
            if ((await elsewhere.StartAsync()).Status == HttpStatusCode.TooManyRequests) refusedElsewhere++;

        created.Should().Be(2 * ScaledDefaultsFactory.AttemptsPerMinute, "the known network's 1500 a minute, not the default");
        refusedElsewhere.Should().Be(ScaledDefaultsFactory.AttemptsPerMinute, "the next address is not in the network");
    }

    /// <summary>A person at the office: the page creates a flow, polls it, takes a password (maybe mistyped first) and the mailed code.</summary>
    private async Task<string> SignInAsync(string id, bool mistype)
    {
        var client = new FlowClient(Client(Office));
        var created = await client.StartAsync();
        if (created.Status != HttpStatusCode.Created) return $"creation: {created.Status} {created.Body}";
        var flowId = FlowClient.Id(created);
        await client.GetAsync(flowId);
        if (mistype) (await client.PasswordAsync(flowId, id, "wrong-guess")).Code.Should().Be("invalid_credentials");
        var captcha = await client.PasswordAsync(flowId, id, $"{id}-Pass");
        if (captcha.Status != HttpStatusCode.OK || captcha.State != "Captcha") return $"{captcha.Status} {captcha.Body}";
        await client.GetAsync(flowId);
        var code = (await factory.WaitForMailAsync($"{id}@corp.example")).Code;
        var issued = await client.PostAsync(flowId, "captcha", new { code });
        return issued.Status == HttpStatusCode.OK && issued.State == "Issued" ? "Issued" : $"{issued.Status} {issued.Body}";
    }

    private HttpClient Client(string address)
    {
        var http = factory.CreateSocketClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }

    private async Task<IReadOnlyList<JsonElement>> RefusalsAsync()
    {
        var admin = new FlowClient(Client("192.0.2.1"));
        var answer = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/rate-limits/refusals", null, await factory.AdminTokenAsync(admin));
        answer.Status.Should().Be(HttpStatusCode.OK, answer.Body.ToString());
        return [.. answer.Body.GetProperty("refusals").EnumerateArray()];
    }

    private async Task<string> ScrapeAsync()
    {
        var admin = new FlowClient(Client("192.0.2.2"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new("Bearer", await factory.AdminTokenAsync(admin));
        return await (await admin.Http.SendAsync(request)).Content.ReadAsStringAsync();
    }
}
