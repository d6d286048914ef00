using System.Net;
using System.Net.Http.Json;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>#18.1: an admin registers the apps; a secret is shown once and stored hashed; every change is audited.</summary>
public sealed class ClientAdministrationTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private static object Registration(string clientId, string type = "confidential", params string[] redirects) => new
    {
        clientId, displayName = "IT Desk", type, firstParty = true,
        redirectUris = redirects.Length == 0 ? ["https://desk.corp.example/signin-oidc"] : redirects,
        postLogoutRedirectUris = new[] { "https://desk.corp.example/signout-callback-oidc" },
        scopes = new[] { "openid", "profile", "offline_access" },
    };

    [Fact]
    public async Task ASecretIsShownOnceStoredHashedAndReplacedOnRequest()
    {
        var admin = await factory.AdminTokenAsync(_client);
        var created = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/clients", JsonContent.Create(Registration("itdesk-admin")), admin);
        created.Status.Should().Be(HttpStatusCode.Created, created.Body.ToString());
        var secret = created.Body.GetProperty("clientSecret").GetString()!;
        secret.Length.Should().BeGreaterThanOrEqualTo(43, "32 random bytes");
        created.Body.GetProperty("client").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Should().Equal("openid", "profile", "offline_access");

        var read = await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/clients/itdesk-admin", null, admin);
        read.Body.ToString().Should().NotContain(secret).And.NotContain("clientSecret");
        var stored = await factory.WithDbAsync(db => db.OidcApplications.Where(a => a.ClientId == "itdesk-admin").Select(a => a.ClientSecret).SingleAsync());
        stored.Should().NotBeNullOrEmpty().And.NotContain(secret, "only a hash of the secret is stored");

        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        async Task<HttpStatusCode> IntrospectWith(string s) => (await browser.PostAsync("/connect/introspect", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["token"] = "x", ["client_id"] = "itdesk-admin", ["client_secret"] = s }))).StatusCode;
        (await IntrospectWith(secret)).Should().Be(HttpStatusCode.OK);

        var rotated = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/clients/itdesk-admin/secret", null, admin);
        var newSecret = rotated.Body.GetProperty("clientSecret").GetString()!;
        newSecret.Should().NotBe(secret);
        (await IntrospectWith(secret)).Should().Be(HttpStatusCode.Unauthorized, "the old secret stops working at once (invalid_client)");
        (await IntrospectWith(newSecret)).Should().Be(HttpStatusCode.OK);

        var updated = await _client.SendAsync(HttpMethod.Put, "/api/v1/admin/clients/itdesk-admin",
            JsonContent.Create(new { displayName = "Service desk", firstParty = false, redirectUris = new[] { "https://desk.corp.example/cb" }, scopes = new[] { "openid" } }), admin);
        updated.Status.Should().Be(HttpStatusCode.OK, updated.Body.ToString());
        (await IntrospectWith(newSecret)).Should().Be(HttpStatusCode.OK, "an update keeps the secret");

        (await _client.SendAsync(HttpMethod.Delete, "/api/v1/admin/clients/itdesk-admin", null, admin)).Status.Should().Be(HttpStatusCode.NoContent);
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/clients/itdesk-admin", null, admin)).Code.Should().Be("client_not_found");
        var audit = await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/clients/itdesk-admin/audit", null, admin);
        audit.Body.EnumerateArray().Select(a => a.GetProperty("action").GetString()).Should().Equal("deleted", "updated", "secret_rotated", "created");
        audit.Body.ToString().Should().NotContain(secret).And.NotContain(newSecret);
    }

    [Theory]
    [InlineData("http://desk.corp.example/cb", "plain http off loopback")]
    [InlineData("https://desk.corp.example/cb#part", "a fragment")]
    [InlineData("https://*.corp.example/cb", "a wildcard")]
    [InlineData("/signin-oidc", "a relative URI")]
    public async Task ARedirectUriMustBeExactAndSafe(string redirect, string because)
    {
        var admin = await factory.AdminTokenAsync(_client);
        var answer = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/clients", JsonContent.Create(Registration($"bad-{Guid.NewGuid():N}"[..12], "public", redirect)), admin);
        answer.Status.Should().Be(HttpStatusCode.BadRequest, because);
        answer.Body.GetProperty("errors").TryGetProperty("redirectUris", out _).Should().BeTrue();
    }

    [Fact]
    public async Task AClientIdIsRegisteredOnceAndAPublicClientHasNoSecret()
    {
        var admin = await factory.AdminTokenAsync(_client);
        var created = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/clients", JsonContent.Create(Registration("spa-once", "public")), admin);
        created.Body.TryGetProperty("clientSecret", out _).Should().BeFalse("a public client has no secret");
        (await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/clients", JsonContent.Create(Registration("spa-once")), admin)).Code.Should().Be("client_exists");
        (await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/clients/spa-once/secret", null, admin)).Status.Should().Be(HttpStatusCode.BadRequest);
        var invalid = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/clients",
            JsonContent.Create(new { clientId = "x", type = "other", scopes = new[] { "profile", "admin" } }), admin);
        invalid.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["clientId", "type", "displayName", "redirectUris", "scopes"]);
    }
}
