using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.InProcess;
using LoginOrchestrator.Stores.Settings;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoginOrchestrator.Unit.Tests.Stores;

/// <summary>The embedded default's daily caps, and the reset an admin's unlock makes (#19.4).</summary>
public sealed class InMemoryCodeSendLimiterTests
{
    private static readonly IOptions<RateLimitOptions> Limits =
        Options.Create(new RateLimitOptions { CodesPerUserPerDay = 5, CodesPerTargetPerDay = 1, CodesPerIpPerDay = 2 });

    private readonly InMemoryCodeSendLimiter _limiter = new(
        Limits, new ClientAddressLimits(Limits, new FixedPolicy()), new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task AResetFreesTheUserAndTheirTargetsButNotTheAddress()
    {
        (await _limiter.TryAcquireAsync("agent1", "a@corp.example", "10.0.0.1", default)).Allowed.Should().BeTrue();
        (await _limiter.TryAcquireAsync("agent1", "a@corp.example", "10.0.0.2", default)).Allowed.Should().BeFalse("one code per target a day");

        await _limiter.ResetAsync("Agent1", ["A@corp.example"], default);

        (await _limiter.TryAcquireAsync("agent1", "a@corp.example", "10.0.0.1", default)).Allowed.Should().BeTrue("the target's count started again");
        (await _limiter.TryAcquireAsync("agent2", "b@corp.example", "10.0.0.1", default)).Allowed.Should().BeFalse(
            "the address's count (two) was not reset: it is nobody's own");
    }

    [Fact]
    public async Task ARefusalNamesTheCapThatWasFull()
    {
        await _limiter.TryAcquireAsync("agent3", "c@corp.example", "10.0.0.3", default);

        (await _limiter.TryAcquireAsync("agent3", "c@corp.example", "10.0.0.3", default)).Limit.Should().Be(RateLimitKinds.CodesPerTarget);
        await _limiter.TryAcquireAsync("agent4", "d@corp.example", "10.0.0.3", default);
        (await _limiter.TryAcquireAsync("agent5", "e@corp.example", "10.0.0.3", default)).Limit.Should().Be(RateLimitKinds.CodesPerIp);
    }

    [Fact]
    public async Task AnAddressInAKnownNetworkHasItsNetworksCap()
    {
        var known = new LoginPolicy { KnownNetworks = KnownNetworks.None with { Networks = [System.Net.IPNetwork.Parse("203.0.113.0/24")], CodesPerDay = 4 } };
        var limiter = new InMemoryCodeSendLimiter(Limits, new ClientAddressLimits(Limits, new FixedPolicy(known)), new FakeTimeProvider());

        var allowed = new List<bool>();
        for (var i = 0; i < 5; i++) allowed.Add((await limiter.TryAcquireAsync($"office{i}", $"office{i}@corp.example", "203.0.113.7", default)).Allowed);

        allowed.Should().Equal(true, true, true, true, false);
    }
}
