using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.InProcess;
using LoginOrchestrator.Stores.Settings;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoginOrchestrator.Unit.Tests.Stores;

/// <summary>Issue 25.1–2: an address's attempts and failures count, its reads and right answers do not; known networks have their own limits.</summary>
public sealed class InMemoryRequestRateLimiterTests
{
    private static readonly IOptions<RateLimitOptions> Limits =
        Options.Create(new RateLimitOptions { PerIpPerMinute = 3, FailuresPerIpPerHour = 5, GlobalPerMinute = 1000 });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private InMemoryRequestRateLimiter Limiter(LoginPolicy? policy = null) =>
        new(Limits, new ClientAddressLimits(Limits, new FixedPolicy(policy)), _clock);

    [Fact]
    public async Task ReadsAndRightAnswersDoNotCountCreationsAndWrongAnswersDo()
    {
        var limiter = Limiter();
        for (var i = 0; i < 50; i++) (await limiter.TryAcquireAsync("10.0.0.1", countsAsAttempt: false, default)).Allowed.Should().BeTrue();

        (await limiter.TryAcquireAsync("10.0.0.1", countsAsAttempt: true, default)).Allowed.Should().BeTrue();
        await limiter.CountFailureAsync("10.0.0.1", default);
        (await limiter.TryAcquireAsync("10.0.0.1", countsAsAttempt: true, default)).Allowed.Should().BeTrue();
        var refused = await limiter.TryAcquireAsync("10.0.0.1", countsAsAttempt: false, default);

        (refused.Allowed, refused.Limit).Should().Be((false, RateLimitKinds.AttemptsPerIp), "a creation, a wrong answer, a creation: three");
        (await limiter.TryAcquireAsync("10.0.0.2", countsAsAttempt: true, default)).Allowed.Should().BeTrue("another address has its own");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await limiter.TryAcquireAsync("10.0.0.1", countsAsAttempt: true, default)).Allowed.Should().BeTrue("the next minute starts again");
    }

    [Fact]
    public async Task WrongAnswersAreAlsoCountedByTheHour()
    {
        var limiter = Limiter();
        for (var minute = 0; minute < 5; minute++)
        {
            await limiter.CountFailureAsync("10.0.0.3", default);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = await limiter.TryAcquireAsync("10.0.0.3", countsAsAttempt: false, default);

        (refused.Allowed, refused.Limit).Should().Be((false, RateLimitKinds.FailuresPerIp));
        refused.RetryAfter.Should().Be(TimeSpan.FromMinutes(55), "until the hour turns");
    }

    [Fact]
    public async Task AnAddressInAKnownNetworkHasItsNetworksLimits()
    {
        var limiter = Limiter(new LoginPolicy
        {
            KnownNetworks = KnownNetworks.None with { Networks = [System.Net.IPNetwork.Parse("203.0.113.0/24")], AttemptsPerMinute = 10 },
        });

        var allowed = 0;
        while ((await limiter.TryAcquireAsync("203.0.113.9", countsAsAttempt: true, default)).Allowed && allowed < 100) allowed++;

        allowed.Should().Be(10);
        (await limiter.TryAcquireAsync("::ffff:203.0.113.10", countsAsAttempt: true, default)).Allowed.Should().BeTrue("an IPv4 address on a dual-stack socket is in the network too");
    }
}
