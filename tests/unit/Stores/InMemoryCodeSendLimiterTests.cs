using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Stores.InProcess;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoginOrchestrator.Unit.Tests.Stores;

/// <summary>The embedded default's daily caps, and the reset an admin's unlock makes (#19.4).</summary>
public sealed class InMemoryCodeSendLimiterTests
{
    private readonly InMemoryCodeSendLimiter _limiter = new(
        Options.Create(new RateLimitOptions { CodesPerUserPerDay = 5, CodesPerTargetPerDay = 1, CodesPerIpPerDay = 2 }),
        new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));

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
}
