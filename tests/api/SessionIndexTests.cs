using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Stores.Sessions;
using LoginOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The per-user session index in Redis: used to revoke, and trimmed of ended sessions as new ones come.</summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
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

    /// <summary>
    /// Issue 21.3: a session written by the version before the hash-tagged keys (its key and its user's index under the
    /// former names) still signs its user in after the upgrade, is listed, and ends with the user's sessions.
    /// </summary>
    [Fact]
    public async Task ASessionWrittenUnderTheFormerKeyNamesLivesOnAfterTheUpgrade()
    {
        await factory.AddUserAsync("upgraded", "upgraded-Pass-1");
        var fresh = (await _client.LoginAsync("upgraded", "upgraded-Pass-1")).Token!;
        var token = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = SessionService.HashOf(token);
        var now = factory.Clock.GetUtcNow();
        var old = new SessionRecord(hash, "upgraded", "upgraded", ["agent"], ["password"], false, [], now, now.AddHours(8), TimeSpan.FromMinutes(30), now);
        var keys = factory.Services.GetRequiredService<RedisKeys>();
        var db = factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        await db.HashSetAsync(keys.LegacySession(hash), [new("session", System.Text.Json.JsonSerializer.Serialize(old)), new("seen", now.ToUnixTimeMilliseconds())]);
        await db.KeyExpireAsync(keys.LegacySession(hash), TimeSpan.FromMinutes(30));
        await db.SortedSetAddAsync(keys.LegacyUserSessions("upgraded"), hash, now.AddHours(8).ToUnixTimeMilliseconds());
        keys.LegacySession(hash).ToString().Should().Be($"{factory.RedisPrefix}session:{hash}", "the name the former version wrote");

        var signedIn = await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token);
        var listed = await factory.Services.GetRequiredService<ISessionStore>().ListUserAsync("upgraded", default);
        var revoked = await factory.Services.GetRequiredService<ISessionStore>().RevokeUserAsync("upgraded", null, default);

        signedIn.Status.Should().Be(System.Net.HttpStatusCode.OK);
        listed.Select(s => s.TokenHash).Should().Contain([hash, SessionService.HashOf(fresh)]);
        revoked.Should().Be(2);
        (await db.KeyExistsAsync(keys.LegacySession(hash))).Should().BeFalse();
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token)).Status.Should().Be(System.Net.HttpStatusCode.Unauthorized);
    }

    private async Task<long> IndexLengthAsync(string userId)
    {
        var keys = factory.Services.GetRequiredService<RedisKeys>();
        return await factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().SortedSetLengthAsync(keys.UserSessions(userId));
    }
}
