using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Stores.Sessions;
using LoginOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Point 8: session tokens, their lifetimes, and every way they die.</summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class SessionSecurityTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private async Task<string> TokenAsync(string userId)
    {
        if (await factory.WithDbAsync(db => Task.FromResult(db.Users.Any(u => u.UserId == userId))) is false)
            await factory.AddUserAsync(userId, "session-Pass-123");
        return (await _client.LoginAsync(userId, "session-Pass-123")).Token!;
    }

    private async Task<HttpStatusCode> SessionStatusAsync(string token) =>
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token)).Status;

    [Fact]
    public async Task TokensAre32RandomBytesStoredOnlyUnderTheirSha256()
    {
        var tokens = new List<string>();
        for (var i = 0; i < 20; i++) tokens.Add(await TokenAsync("tokens"));

        tokens.Should().OnlyHaveUniqueItems();
        tokens.Should().AllSatisfy(t => Base64Url.DecodeFromChars(t).Length.Should().Be(32));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var keys = redis.GetServers().Where(s => !s.IsReplica).SelectMany(s => s.Keys(pattern: $"{factory.RedisPrefix}*")).Select(k => k.ToString()).ToList();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(tokens[0])));
        var redisKeys = factory.Services.GetRequiredService<RedisKeys>();
        keys.Should().Contain(redisKeys.Session(hash).ToString());
        foreach (var key in keys.Where(k => k.StartsWith($"{factory.RedisPrefix}{{s:", StringComparison.Ordinal)))
            (await redis.GetDatabase().HashGetAllAsync(key)).Select(e => e.Value.ToString()).Should().NotContain(v => tokens.Any(v.Contains));
        keys.Should().NotContain(k => tokens.Any(k.Contains));
    }

    [Fact]
    public async Task IdleSessionsDieAfterThirtyMinutesAndEverySessionAfterEightHours()
    {
        var idle = await TokenAsync("lifetimes");
        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        (await SessionStatusAsync(idle)).Should().Be(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        (await SessionStatusAsync(idle)).Should().Be(HttpStatusCode.Unauthorized);

        var busy = await TokenAsync("lifetimes");
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(8) - TimeSpan.FromMinutes(20); elapsed += TimeSpan.FromMinutes(20))
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(20));
            (await SessionStatusAsync(busy)).Should().Be(HttpStatusCode.OK);
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(21));
        (await SessionStatusAsync(busy)).Should().Be(HttpStatusCode.Unauthorized, "eight hours is the end, however busy");
    }

    [Fact]
    public async Task LogoutKillsTheTokenForEveryInstanceAtOnce()
    {
        var token = await TokenAsync("logout");
        // Another instance: its own connection to the same Redis.
        await using var other = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var otherInstance = new SessionService(new RedisSessionStore(other, factory.Services.GetRequiredService<RedisKeys>(), factory.Clock),
            new SessionEpochs(factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Clock), [], factory.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SessionService>.Instance);
        (await otherInstance.ValidateAsync(token, default)).Should().NotBeNull();

        (await _client.SendAsync(HttpMethod.Delete, "/api/v1/session", null, token)).Status.Should().Be(HttpStatusCode.NoContent);

        (await otherInstance.ValidateAsync(token, default)).Should().BeNull();
    }

    [Fact]
    public async Task PasswordChangeTotpChangeAndDisablingRevokeTheOtherSessions()
    {
        var keeper = await TokenAsync("revoked");
        var other = await TokenAsync("revoked");
        (await _client.SendAsync(HttpMethod.Put, "/api/v1/account/password",
            System.Net.Http.Json.JsonContent.Create(new { currentPassword = "session-Pass-123", newPassword = "another-Secret-77" }), keeper))
            .Status.Should().Be(HttpStatusCode.NoContent);
        (await SessionStatusAsync(other)).Should().Be(HttpStatusCode.Unauthorized, "a password change ends the other sessions");
        (await SessionStatusAsync(keeper)).Should().Be(HttpStatusCode.OK);

        var second = (await _client.LoginAsync("revoked", "another-Secret-77")).Token!;
        var started = await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, keeper);
        var secret = LoginOrchestrator.Steps.Otp.TotpSecrets.FromBase32(started.Body.GetProperty("secret").GetString()!);
        (await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp/confirm",
            System.Net.Http.Json.JsonContent.Create(new { code = factory.TotpCode(secret) }), keeper)).Status.Should().Be(HttpStatusCode.OK);
        (await SessionStatusAsync(second)).Should().Be(HttpStatusCode.Unauthorized, "a TOTP change ends the other sessions");

        var admin = await AdminClient.SignInAsync(factory, _client);
        await admin.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/revoked", new { disabled = true });
        (await SessionStatusAsync(keeper)).Should().Be(HttpStatusCode.Unauthorized, "a disabled user keeps no session");
    }

    [Fact]
    public async Task ATokenIsAcceptedOnlyInTheAuthorizationHeader()
    {
        var token = await TokenAsync("headeronly");

        (await _client.Http.GetAsync($"/api/v1/session?access_token={token}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var cookie = new HttpRequestMessage(HttpMethod.Get, "/api/v1/session");
        cookie.Headers.Add("Cookie", $"token={token}; session={token}");
        (await _client.Http.SendAsync(cookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await SessionStatusAsync(token)).Should().Be(HttpStatusCode.OK);
    }
}
