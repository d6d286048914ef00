using System.Diagnostics;
using System.Net;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The service on a Redis of its own behind a gate that can slow it down, with a 3-second request deadline.</summary>
public sealed class SlowRedisFactory(string redisEndpoint) : LoginApiFactory
{
    public const int DeadlineSeconds = 3;

    protected override bool FakeClock => false;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Redis", $"{redisEndpoint},syncTimeout=15000,asyncTimeout=15000");
        builder.UseSetting("Requests:DeadlineSeconds", DeadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Issue 16.4: a slow Redis does not serialise signed-in requests (a session's touch held the shared connection in a
/// WATCH transaction), and every request has a deadline after which it answers 503 with nothing issued.
/// </summary>
public sealed class SlowRedisTests : IAsyncLifetime
{
    private RedisProcess _redis = null!;
    private TcpGate _gate = null!;
    private SlowRedisFactory _factory = null!;
    private FlowClient _client = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisProcess.StartAsync();
        _gate = new TcpGate("127.0.0.1", _redis.Port);
        _factory = new SlowRedisFactory($"127.0.0.1:{_gate.Port}");
        _client = new FlowClient(_factory.CreateClient());
    }

    public async Task DisposeAsync()
    {
        _gate.Delay = TimeSpan.Zero;
        await _factory.DisposeAsync();
        await _gate.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task SignedInRequestsDoNotQueueBehindEachOtherOnASlowRedis()
    {
        var token = (await _client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword)).Token!;
        _gate.Delay = TimeSpan.FromMilliseconds(50);

        var took = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        await Parallel.ForAsync(0, 90, new ParallelOptions { MaxDegreeOfParallelism = 30 }, async (_, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var answer = await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token);
            took.Add(Stopwatch.GetElapsedTime(started));
            answer.Status.Should().Be(HttpStatusCode.OK);
        });

        var median = took.Order().ElementAt(took.Count / 2);
        median.Should().BeLessThan(TimeSpan.FromMilliseconds(800),
            "a request needs a few 50 ms round trips; queued one behind another, 30 at once took seconds each");
    }

    [Fact]
    public async Task ARequestPastItsDeadlineAnswers503AndIssuesNothing()
    {
        var flowId = FlowClient.Id(await _client.StartAsync());
        // Longer than the deadline: the step's first round trip (its lease and its flow) cannot come back in time. A step
        // needs two round trips (the second saves everything at once), so a shorter delay lets it finish, or its save
        // land while its deadline passes, and then its answer is the login it stored.
        _gate.Delay = TimeSpan.FromSeconds(SlowRedisFactory.DeadlineSeconds + 1);

        var started = Stopwatch.GetTimestamp();
        var answer = await _client.PasswordAsync(flowId, LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);
        var took = Stopwatch.GetElapsedTime(started);

        answer.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        answer.Code.Should().Be("dependency_unavailable");
        answer.Body.TryGetProperty("session", out _).Should().BeFalse();
        took.Should().BeLessThan(TimeSpan.FromSeconds(SlowRedisFactory.DeadlineSeconds + 3), "the deadline, and the step under way and the lease's release past it at most");

        _gate.Delay = TimeSpan.Zero;
        await Task.Delay(TimeSpan.FromSeconds(2)); // what was still on its way arrives
        (await _factory.WithDbAsync(db => db.LoginAudit.AnyAsync(a => a.FlowId == flowId && a.Outcome == "Issued"))).Should().BeFalse("nothing was issued");
        (await _client.GetAsync(flowId)).State.Should().NotBe("Issued");
    }
}
