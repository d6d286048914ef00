using System.Net;
using System.Text.Json;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LoginOrchestrator.Api.Tests;

/// <summary>#19.3: a user sees and ends their own sessions; an admin sees and ends anyone's, audited.</summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class SessionControlTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private const string Password = "Session-Pass-2026";

    private async Task<string> LoginFromAsync(string userId, string userAgent)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return (await new FlowClient(http).LoginAsync(userId, Password)).Token!;
    }

    private static IReadOnlyList<JsonElement> Items(Answer answer) => [.. answer.Body.EnumerateArray()];

    [Fact]
    public async Task AUserSeesTheirSessionsAndEndsAnother()
    {
        await factory.AddUserAsync("sessions1", Password);
        var laptop = await LoginFromAsync("sessions1", "Laptop/1.0");
        var phone = await LoginFromAsync("sessions1", "Phone/2.0");
        var client = new FlowClient(factory.CreateClient());

        var list = await client.SendAsync(HttpMethod.Get, "/api/v1/account/sessions", null, laptop);
        list.Status.Should().Be(HttpStatusCode.OK);
        var sessions = Items(list);
        sessions.Should().HaveCount(2);
        sessions.Single(s => s.GetProperty("current").GetBoolean()).GetProperty("userAgent").GetString().Should().Be("Laptop/1.0");
        var other = sessions.Single(s => !s.GetProperty("current").GetBoolean());
        other.GetProperty("userAgent").GetString().Should().Be("Phone/2.0");
        other.GetProperty("factors").EnumerateArray().Select(f => f.GetString()).Should().Equal("password");
        list.Body.ToString().Should().NotContain(phone, "a list never shows a token");

        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/account/sessions/{other.GetProperty("id").GetString()}", null, laptop))
            .Status.Should().Be(HttpStatusCode.NoContent);
        (await client.SendAsync(HttpMethod.Get, "/api/v1/session", null, phone)).Status.Should().Be(HttpStatusCode.Unauthorized);
        Items(await client.SendAsync(HttpMethod.Get, "/api/v1/account/sessions", null, laptop)).Should().ContainSingle();
        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/account/sessions/{other.GetProperty("id").GetString()}", null, laptop))
            .Code.Should().Be("session_not_found");
    }

    [Fact]
    public async Task NobodyEndsSomeoneElsesSessionFromTheirOwnAccount()
    {
        await factory.AddUserAsync("sessions-a", Password);
        await factory.AddUserAsync("sessions-b", Password);
        var a = await LoginFromAsync("sessions-a", "A/1");
        var b = await LoginFromAsync("sessions-b", "B/1");
        var client = new FlowClient(factory.CreateClient());
        var bId = Items(await client.SendAsync(HttpMethod.Get, "/api/v1/account/sessions", null, b)).Single().GetProperty("id").GetString();

        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/account/sessions/{bId}", null, a)).Code.Should().Be("session_not_found");
        (await client.SendAsync(HttpMethod.Get, "/api/v1/session", null, b)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnAdminEndsAUsersSessionAndItsAppGrantsAndTheAuditSaysWho()
    {
        await factory.AddUserAsync("sessions-admin", Password);
        var browser = new OidcTestClient(factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));
        var token = await browser.LoginAsync("sessions-admin", Password);
        const string redirect = "https://sessions.corp.example/signin-oidc";
        await factory.RegisterClientAsync("sessions-app", [redirect], confidential: false);
        var grant = await browser.ExchangeAsync(await browser.CodeAsync("sessions-app", redirect), "sessions-app", redirect);
        var client = new FlowClient(factory.CreateClient());
        var admin = await factory.AdminTokenAsync(client);

        var listed = Items(await client.SendAsync(HttpMethod.Get, "/api/v1/admin/users/sessions-admin/sessions", null, admin));
        var id = listed.Single().GetProperty("id").GetString();
        id.Should().Be(grant.IdClaims.GetProperty("sid").GetString(), "the list's id is the ID token's sid");
        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/admin/users/sessions-admin/sessions/{id}", null, admin)).Status.Should().Be(HttpStatusCode.NoContent);

        (await client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token)).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await browser.RefreshAsync(grant.RefreshToken!, "sessions-app")).Error.Should().Be("invalid_grant");
        var audit = await client.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?userId=sessions-admin&outcome=Revoked", null, admin);
        var entry = audit.Body.GetProperty("items").EnumerateArray().Single();
        entry.GetProperty("flowId").GetString().Should().Be(id);
        entry.GetProperty("reason").GetString().Should().StartWith("by_admin:admin-");
        (await client.SendAsync(HttpMethod.Get, "/api/v1/admin/users/nobody-here/sessions", null, admin)).Code.Should().Be("user_not_found");
    }
}
