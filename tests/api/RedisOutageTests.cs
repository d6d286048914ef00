using System.Net;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The service on a Redis of this test's own, which the test stops and starts.</summary>
public sealed class OwnRedisFactory(string redisEndpoint) : LoginApiFactory
{
    protected override bool FakeClock => false;

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Redis", redisEndpoint);
}

public sealed class RedisOutageTests : IAsyncLifetime
{
    private RedisProcess _redis = null!;
    private OwnRedisFactory _factory = null!;
    private FlowClient _client = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync();
        _factory = new OwnRedisFactory(_redis.Endpoint);
        _client = new FlowClient(_factory.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task WhileRedisIsDownLoginsAnswer503AndIssueNothingThenTheServiceRecoversWithoutRestart()
    {
        var flowId = FlowClient.Id(await _client.StartAsync());

        await _redis.StopAsync();

        var midFlow = await _client.PasswordAsync(flowId, LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);
        midFlow.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        midFlow.Code.Should().Be("dependency_unavailable");
        midFlow.Body.TryGetProperty("session", out _).Should().BeFalse();
        (await _client.StartAsync()).Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await _client.Http.GetAsync("/healthz/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await _factory.WithDbAsync(db => db.LoginAudit.AnyAsync(a => a.FlowId == flowId))).Should().BeFalse("nothing was issued");

        await _redis.StartAgainAsync();
        await WaitUntilReadyAsync();

        (await _client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword)).State.Should().Be("Issued");
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _client.Http.GetAsync("/healthz/ready")).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The service did not recover after Redis came back.");
            await Task.Delay(250);
        }
    }
}
