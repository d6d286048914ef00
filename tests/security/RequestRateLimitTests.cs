using System.Net;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Stores.Settings;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Security.Tests;

/// <summary>A host behind a load balancer on loopback: 5 requests per client IP and 12 in all per minute.</summary>
public sealed class BehindProxyFactory : KestrelLoginApiFactory
{
    public const int PerIp = 5;
    public const int Global = 12;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("RateLimits:PerIpPerMinute", PerIp.ToString());
        builder.UseSetting("RateLimits:GlobalPerMinute", Global.ToString());
        builder.UseSetting("Proxy:TrustedNetworks:0", "127.0.0.0/8");
    }
}

/// <summary>A host reached directly: no proxy is trusted.</summary>
public sealed class DirectClientFactory : KestrelLoginApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("RateLimits:PerIpPerMinute", BehindProxyFactory.PerIp.ToString());
}

/// <summary>Point 3: per client IP and global limits on every login request, shared by instances, honouring only trusted proxies.</summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class RequestRateLimitTests(BehindProxyFactory factory) : IClassFixture<BehindProxyFactory>
{
    private readonly HttpClient _http = factory.CreateSocketClient();

    private async Task<HttpResponseMessage> StartFlowAsync(string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FlowClient.Base);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await _http.SendAsync(request);
    }

    /// <summary>A fresh minute for each test, so one test's counts do not meet another's.</summary>
    private void NextMinute() => factory.Clock.Advance(TimeSpan.FromSeconds(60 - factory.Clock.GetUtcNow().Second % 60));

    [Fact]
    public async Task SixthRequestFromOneClientInAMinuteIsRateLimitedWithRetryAfter()
    {
        NextMinute();
        for (var i = 0; i < BehindProxyFactory.PerIp; i++)
            (await StartFlowAsync("198.51.100.1")).StatusCode.Should().Be(HttpStatusCode.Created);

        var refused = await StartFlowAsync("198.51.100.1");

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await refused.Content.ReadAsStringAsync();
        body.Should().Contain("\"code\":\"rate_limited\"");
        int.Parse(refused.Headers.RetryAfter!.ToString()).Should().BeInRange(1, 60);

        (await StartFlowAsync("198.51.100.2")).StatusCode.Should().Be(HttpStatusCode.Created, "another client has its own limit");
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        (await StartFlowAsync("198.51.100.1")).StatusCode.Should().Be(HttpStatusCode.Created, "the next minute starts again");
    }

    [Fact]
    public async Task WrongAnswersCountAndTheRefusalSaysNothingAboutTheAccount()
    {
        NextMinute();
        await factory.AddUserAsync("ratelimited", "ratelimited-Pass-1");
        var client = new FlowClient(_http);
        _http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.9");
        try
        {
            var flow = FlowClient.Id(await client.StartAsync());
            for (var i = 0; i < BehindProxyFactory.PerIp - 1; i++) await client.PasswordAsync(flow, "nobody", "wrong-password");

            var real = await client.PasswordAsync(flow, "ratelimited", "ratelimited-Pass-1");
            var unknown = await client.PasswordAsync(flow, "nobody", "wrong-password");

            real.Status.Should().Be(HttpStatusCode.TooManyRequests, "the limit comes before any check of the answer");
            unknown.Status.Should().Be(HttpStatusCode.TooManyRequests);
            Strip(real.Body.GetRawText()).Should().Be(Strip(unknown.Body.GetRawText()));
            real.Body.TryGetProperty("flow", out _).Should().BeFalse();
        }
        finally
        {
            _http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        }

        static string Strip(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"traceId\":\"[^\"]*\"", "");
    }

    /// <summary>Issue 25.1: an office's page polls its flows and its people answer right: neither is what guessing needs.</summary>
    [Fact]
    public async Task ReadsOfAFlowAndRightAnswersDoNotCount()
    {
        NextMinute();
        await factory.AddUserAsync("polling", "polling-Pass-1");
        var client = new FlowClient(_http);
        _http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.10");
        try
        {
            var flow = FlowClient.Id(await client.StartAsync());
            // As many reads as would, with the creation and the answer, fill the address's minute if they counted (and stay under the global 12).
            for (var i = 0; i < BehindProxyFactory.PerIp - 2; i++) (await client.GetAsync(flow)).Status.Should().Be(HttpStatusCode.OK);
            (await client.PasswordAsync(flow, "polling", "polling-Pass-1")).State.Should().Be("Issued");

            var created = new List<HttpStatusCode>();
            for (var i = 0; i < BehindProxyFactory.PerIp; i++) created.Add((await client.StartAsync()).Status);

            created.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.Created, BehindProxyFactory.PerIp - 1), HttpStatusCode.TooManyRequests],
                "only the first flow counted before these");
        }
        finally
        {
            _http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        }
    }

    [Fact]
    public async Task AReadOfAFlowIsRefusedOnceItsAddressIsPastTheMinute()
    {
        NextMinute();
        var client = new FlowClient(_http);
        _http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");
        try
        {
            var flow = FlowClient.Id(await client.StartAsync());
            (await client.GetAsync(flow)).Status.Should().Be(HttpStatusCode.OK, "a read counts nothing and is under the limit");
            for (var i = 1; i < BehindProxyFactory.PerIp; i++) (await client.StartAsync()).Status.Should().Be(HttpStatusCode.Created);

            // A read checks the counters without counting (an MGET, not the counting script): the minute is full.
            var refused = await client.GetAsync(flow);

            refused.Status.Should().Be(HttpStatusCode.TooManyRequests);
            refused.Code.Should().Be("rate_limited");
        }
        finally
        {
            _http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        }
    }

    [Fact]
    public async Task ManyClientsTogetherMeetTheGlobalLimit()
    {
        NextMinute();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < BehindProxyFactory.Global + 3; i++)
            statuses.Add((await StartFlowAsync($"203.0.113.{i + 1}")).StatusCode);

        statuses.Take(BehindProxyFactory.Global).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        statuses.Skip(BehindProxyFactory.Global).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AddressesAClientPutsInFrontOfTheProxysAreNotBelieved()
    {
        NextMinute();
        // The proxy appends the address it saw; what the client wrote before it is the client's own claim.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < BehindProxyFactory.PerIp + 1; i++)
            statuses.Add((await StartFlowAsync($"10.9.9.{i + 1}, 198.51.100.77")).StatusCode);

        statuses.Last().Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task TwoInstancesShareOneCount()
    {
        await using var first = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        await using var second = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var keys = factory.Services.GetRequiredService<RedisKeys>();
        var options = Options.Create(new RateLimitOptions { PerIpPerMinute = 4, GlobalPerMinute = 1000 });
        var addresses = new ClientAddressLimits(options, factory.Services.GetRequiredService<ILoginPolicySource>());
        NextMinute();
        var a = new RedisRequestRateLimiter(first, keys, options, addresses, factory.Clock);
        var b = new RedisRequestRateLimiter(second, keys, options, addresses, factory.Clock);

        var allowed = new List<bool>();
        foreach (var limiter in new[] { a, b, a })
            allowed.Add((await limiter.TryAcquireAsync("192.0.2.50", countsAsAttempt: true, default)).Allowed);
        await b.CountFailureAsync("192.0.2.50", default);
        foreach (var limiter in new[] { a, b })
            allowed.Add((await limiter.TryAcquireAsync("192.0.2.50", countsAsAttempt: true, default)).Allowed);

        allowed.Should().Equal(true, true, true, false, false);
    }
}

/// <summary>Without a trusted proxy, <c>X-Forwarded-For</c> is the client's own claim and is ignored.</summary>
public sealed class DirectClientRateLimitTests(DirectClientFactory factory) : IClassFixture<DirectClientFactory>
{
    [Fact]
    public async Task ForwardedForFromAnUntrustedPeerDoesNotBuyANewLimit()
    {
        var http = factory.CreateSocketClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < BehindProxyFactory.PerIp + 1; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, FlowClient.Base);
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await http.SendAsync(request)).StatusCode);
        }

        statuses.Take(BehindProxyFactory.PerIp).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        statuses.Last().Should().Be(HttpStatusCode.TooManyRequests);
    }
}
