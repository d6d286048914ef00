using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Stores.Sessions;
using LoginOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The per-user session index in Redis: used to revoke, and trimmed of ended sessions as new ones come.</summary>
public sealed class SessionIndexTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task IndexKeepsOnlySessionsThatHaveNotEnded()
    {
        await factory.AddUserAsync("indexed", "indexed-Pass-1");
        for (var i = 0; i < 3; i++) await _client.LoginAsync("indexed", "indexed-Pass-1");
        factory.Clock.Advance(TimeSpan.FromHours(9)); // past the 8 h absolute lifetime of all three

        await _client.LoginAsync("indexed", "indexed-Pass-1");

        (await IndexLengthAsync("indexed")).Should().Be(1, "the three ended sessions were trimmed when the fourth began");
    }

    [Fact]
    public async Task RevokingAUserKillsEverySessionButTheOneKept()
    {
        await factory.AddUserAsync("revoked", "revoked-Pass-1");
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++) tokens.Add((await _client.LoginAsync("revoked", "revoked-Pass-1")).Token!);

        var kept = SessionService.HashOf(tokens[0]);
        var revoked = await factory.Services.GetRequiredService<ISessionStore>().RevokeUserAsync("revoked", kept, default);

        revoked.Should().Be(2);
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, tokens[0])).Status.Should().Be(System.Net.HttpStatusCode.OK);
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, tokens[1])).Status.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, tokens[2])).Status.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    private async Task<long> IndexLengthAsync(string userId)
    {
        var keys = factory.Services.GetRequiredService<RedisKeys>();
        return await factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().SortedSetLengthAsync(keys.UserSessions(userId));
    }
}
