using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// Issue 16.8: an instance that dies holding a flow's lease (no release, no renewal) frees the flow within a retry's
/// wait, not after a 30-second lease: the next step on the flow is answered, not refused as <c>flow_busy</c>.
/// </summary>
public sealed class InstanceCrashTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task AFlowLeaseOfAnInstanceThatDiedIsFreeWithinARetry()
    {
        var flowId = FlowClient.Id(await _client.StartAsync());
        var dying = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var store = new RedisFlowStore(dying, factory.Services.GetRequiredService<RedisKeys>(), new OutboxSignal(), TimeProvider.System);
        (await store.LockAsync(flowId, TimeSpan.FromSeconds(1), default)).Should().NotBeNull("the other instance holds the flow");

        dying.Dispose(); // it dies mid-request: its lease is neither released nor renewed again

        var next = await _client.PasswordAsync(flowId, LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);
        next.Code.Should().NotBe("flow_busy");
        next.State.Should().Be("Issued");
    }

    [Fact]
    public async Task ALeaseHeldLongerThanItsLifetimeIsRenewedNotLost()
    {
        var flowId = FlowClient.Id(await _client.StartAsync());
        var store = factory.Services.GetRequiredService<RedisFlowStore>();

        await using (var held = await store.LockAsync(flowId, TimeSpan.FromSeconds(1), default))
        {
            held.Should().NotBeNull();
            await Task.Delay(RedisFlowStore.LeaseLifetime * 2); // a slow step, twice the lease's lifetime
            (await store.LockAsync(flowId, TimeSpan.FromMilliseconds(200), default)).Should().BeNull("the holder still has it");
        }

        await using var again = await store.LockAsync(flowId, TimeSpan.FromMilliseconds(200), default);
        again.Should().NotBeNull("released when the holder is done");
    }
}
