using System.Net;
using System.Security.Cryptography;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.InProcess;
using LoginOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Security.Tests;

/// <summary>
/// Issue 15.5: the embedded flow store keeps a lease only while a request on a real flow holds or awaits it, so anonymous
/// requests to made-up flow ids cannot grow its memory (40 000 of them took 373 MB that was never given back).
/// </summary>
public sealed class EmbeddedLeaseTests(EmbeddedLoginApiFactory factory) : IClassFixture<EmbeddedLoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private InMemoryFlowStore Store => (InMemoryFlowStore)factory.Services.GetRequiredService<IFlowStore>();

    [Fact]
    public async Task FiftyThousandRequestsToUnknownFlowsLeaveNoLease()
    {
        await Parallel.ForAsync(0, 50_000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var flowId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            var answer = await _client.PasswordAsync(flowId, "nobody", "not-the-password");
            answer.Status.Should().Be(HttpStatusCode.NotFound);
        });

        Store.LeaseCount.Should().Be(0);
    }

    [Fact]
    public async Task LeasesOfRealFlowsAreGoneOnceReleased()
    {
        var flows = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _client.StartAsync()));

        // Parallel steps on the same flows: some wait for the lease, all release it.
        await Task.WhenAll(flows.SelectMany(f => Enumerable.Range(0, 3).Select(_ => _client.PasswordAsync(FlowClient.Id(f), "leased", "wrong-password"))));

        Store.LeaseCount.Should().Be(0);
    }
}
