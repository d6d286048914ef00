using System.Net;
using System.Net.Http.Json;
using LoginOrchestrator.Api.Hosting;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

/// <summary>An agent's status follows their sessions: online at a login, offline when the last one ends (expiry too).</summary>
public sealed class AgentPresenceTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private Task<string> StatusAsync(string userId) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.NormalizedUserId == userId).Select(u => u.Status).SingleAsync());

    private async Task<string> LoginAsync(string userId) => (await _client.LoginAsync(userId, "agent-Pass-word-1")).Token!;

    [Fact]
    public async Task ALoginIsOnlineAndTheLastLogoutOffline()
    {
        var userId = NewId("desk");
        await factory.AddUserAsync(userId, "agent-Pass-word-1");
        (await StatusAsync(userId)).Should().Be("offline");

        var first = await LoginAsync(userId);
        var second = await LoginAsync(userId);
        (await StatusAsync(userId)).Should().Be("online");
        await _client.SendAsync(HttpMethod.Delete, "/api/v1/session", null, first);
        (await StatusAsync(userId)).Should().Be("online", "another session lives");
        await _client.SendAsync(HttpMethod.Delete, "/api/v1/session", null, second);

        (await StatusAsync(userId)).Should().Be("offline");
    }

    [Fact]
    public async Task ABusyAgentStaysBusyAtAnotherLoginAndAnExpiredLastSessionGoesOffline()
    {
        var userId = NewId("busy");
        await factory.AddUserAsync(userId, "agent-Pass-word-1");
        var token = await LoginAsync(userId);
        (await _client.SendAsync(HttpMethod.Put, "/api/v1/account/status", JsonContent.Create(new { status = "busy" }), token)).Status.Should().Be(HttpStatusCode.OK);
        await LoginAsync(userId);
        (await StatusAsync(userId)).Should().Be("busy");

        factory.Clock.Advance(TimeSpan.FromMinutes(31)); // past the idle timeout of both
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<HousekeepingJob>().RunAsync(CancellationToken.None);

        (await StatusAsync(userId)).Should().Be("offline");
    }

    [Fact]
    public async Task AnAdminEndingTheLastSessionSetsTheAgentOffline()
    {
        var userId = NewId("ended");
        await factory.AddUserAsync(userId, "agent-Pass-word-1");
        await LoginAsync(userId);
        var admin = await factory.AdminTokenAsync(_client);
        var sessions = await _client.SendAsync(HttpMethod.Get, $"/api/v1/admin/users/{userId}/sessions", null, admin);

        await _client.SendAsync(HttpMethod.Delete, $"/api/v1/admin/users/{userId}/sessions/{sessions.Body[0].GetProperty("id").GetString()}", null, admin);

        (await StatusAsync(userId)).Should().Be("offline");
    }
}
