using LoginOrchestrator.Api.Hosting;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Tests.Support;
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

    [Fact]
    public async Task CleanUpRemovesExactlyWhatExpiredAmongThousandsAndLeavesTheLiveOnes()
    {
        var store = factory.Services.GetRequiredService<IFlowStore>();
        var now = factory.Clock.GetUtcNow();
        var expired = await SeedFlowsAsync(store, 2000, expiresAt: now.AddHours(-2));
        var live = await SeedFlowsAsync(store, 2000, expiresAt: now.AddMinutes(10));
        await factory.WithDbAsync(async db =>
        {
            db.LoginAudit.AddRange(Enumerable.Range(0, 1500).Select(i => Audit($"old-{i}", now.AddDays(-181))));
            db.LoginAudit.AddRange(Enumerable.Range(0, 1500).Select(i => Audit($"recent-{i}", now.AddDays(-179))));
            return await db.SaveChangesAsync();
        });

        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<HousekeepingJob>().RunAsync(CancellationToken.None);

        foreach (var id in expired) (await store.FindAsync(id, default)).Should().BeNull();
        foreach (var id in live) (await store.FindAsync(id, default)).Should().NotBeNull();
        (await factory.WithDbAsync(db => db.LoginAudit.CountAsync(a => a.FlowId.StartsWith("old-")))).Should().Be(0);
        (await factory.WithDbAsync(db => db.LoginAudit.CountAsync(a => a.FlowId.StartsWith("recent-")))).Should().Be(1500);
        (await AbandonedAuditsAsync(expired)).Should().Be(2000);
    }

    [Fact]
    public async Task FlowsClaimedByASweepThatDiedAreAuditedByALaterOneNotLost()
    {
        var store = factory.Services.GetRequiredService<IFlowStore>();
        var source = factory.Services.GetRequiredService<IExpiredFlowSource>();
        var now = factory.Clock.GetUtcNow();
        var expired = await SeedFlowsAsync(store, 3, expiresAt: now.AddHours(-2));
        (await source.ClaimExpiredAsync(now, 5000, default)).Select(f => f.Id).Should().Contain(expired); // …and the sweep dies here

        await RunHousekeepingAsync();
        (await AbandonedAuditsAsync(expired)).Should().Be(0, "another sweep's fresh claim is left to it");

        factory.Clock.Advance(IExpiredFlowSource.ClaimLifetime + TimeSpan.FromMinutes(1));
        await RunHousekeepingAsync();
        (await AbandonedAuditsAsync(expired)).Should().Be(3);
        foreach (var id in expired) (await store.FindAsync(id, default)).Should().BeNull();
    }

    private async Task RunHousekeepingAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HousekeepingJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task CleanUpDiscardsTotpEnrolmentsNeverConfirmed()
    {
        const string userId = "stale-pending";
        await factory.AddUserAsync(userId, "pending-Pass-123");
        var token = (await _client.LoginAsync(userId, "pending-Pass-123")).Token!;
        await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, token);
        const string fresh = "fresh-pending";
        factory.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await factory.AddUserAsync(fresh, "pending-Pass-123");
        var freshToken = (await _client.LoginAsync(fresh, "pending-Pass-123")).Token!;
        await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, freshToken);

        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<HousekeepingJob>().RunAsync(CancellationToken.None);

        (await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserId == userId))).PendingTotpSecret.Should().BeNull();
        (await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.UserId == fresh))).PendingTotpSecret.Should().NotBeNull();
    }

    /// <summary>
    /// The audits of the abandoned flows. The host's own recurring clean-up (every five minutes of wall-clock time) may
    /// have taken a batch alongside this test's run and still be writing its records: wait for it, a few seconds at most.
    /// </summary>
    private async Task<int> AbandonedAuditsAsync(List<string> expired)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var count = await factory.WithDbAsync(db => db.LoginAudit.CountAsync(a => a.Reason == "abandoned" && expired.Contains(a.FlowId)));
            if (count >= expired.Count || deadline.Elapsed > TimeSpan.FromSeconds(15)) return count;
            await Task.Delay(200);
        }
    }

    private static async Task<List<string>> SeedFlowsAsync(IFlowStore store, int count, DateTimeOffset expiresAt)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var flow = new LoginFlow { Id = Guid.NewGuid().ToString("N"), CreatedAt = expiresAt.AddMinutes(-10), ExpiresAt = expiresAt, MaxAttempts = 5 };
            await store.CreateAsync(flow, default);
            ids.Add(flow.Id);
        }
        return ids;
    }

    private static LoginAuditRecord Audit(string flowId, DateTimeOffset at) =>
        new() { FlowId = flowId, UserId = "seed", Outcome = "Issued", Factors = "password", At = at };
}

[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class RedisHousekeepingTests(LoginApiFactory factory)
    : HousekeepingTests<LoginApiFactory>(factory), IClassFixture<LoginApiFactory>;

public sealed class InProcessHousekeepingTests(EmbeddedLoginApiFactory factory)
    : HousekeepingTests<EmbeddedLoginApiFactory>(factory), IClassFixture<EmbeddedLoginApiFactory>;
