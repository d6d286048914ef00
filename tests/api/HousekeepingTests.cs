using LoginOrchestrator.Api.Housekeeping;
using LoginOrchestrator.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

public sealed class HousekeepingTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
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
