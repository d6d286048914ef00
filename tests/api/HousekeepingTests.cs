using LoginOrchestrator.Api.Housekeeping;
using LoginOrchestrator.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The clean-up job, on each flow store: Redis (sorted-set index) and in process.</summary>
public abstract class HousekeepingTests<TFactory>(TFactory factory) where TFactory : LoginApiFactory
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task CleanUpRemovesFlowsPastRetentionAuditsTheAbandonedOnesAndKeepsLiveOnes()
    {
        var abandoned = FlowClient.Id(await _client.StartAsync());
        factory.Clock.Advance(TimeSpan.FromMinutes(75));
        var live = FlowClient.Id(await _client.StartAsync());

        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<HousekeepingJob>().RunAsync(CancellationToken.None);

        (await _client.GetAsync(abandoned)).Code.Should().Be("flow_not_found");
        (await _client.GetAsync(live)).State.Should().Be("Credentials");
        var audit = await factory.WithDbAsync(db => db.LoginAudit.SingleAsync(a => a.FlowId == abandoned));
        audit.Outcome.Should().Be("Expired");
        audit.Reason.Should().Be("abandoned");
    }
}

public sealed class RedisHousekeepingTests(LoginApiFactory factory)
    : HousekeepingTests<LoginApiFactory>(factory), IClassFixture<LoginApiFactory>;

public sealed class InProcessHousekeepingTests(EmbeddedLoginApiFactory factory)
    : HousekeepingTests<EmbeddedLoginApiFactory>(factory), IClassFixture<EmbeddedLoginApiFactory>;
