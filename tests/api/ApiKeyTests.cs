using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>Service credentials: a named key with scopes, shown once, stored hashed, expiring, revocable, audited.</summary>
public sealed class ApiKeyTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private async Task<(string Id, string Key)> CreateAsync(string admin, string name, string[] scopes, int? days = null)
    {
        var created = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/api-keys", JsonContent.Create(new { name, scopes, expiresInDays = days }), admin);
        created.Status.Should().Be(HttpStatusCode.Created, created.Body.ToString());
        return (created.Body.GetProperty("id").GetString()!, created.Body.GetProperty("key").GetString()!);
    }

    private async Task<HttpStatusCode> GetWithKeyAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _client.Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task AMetricsKeyScrapesMetricsAndOpensNothingElse()
    {
        var admin = await factory.AdminTokenAsync(_client);
        var (id, key) = await CreateAsync(admin, "prometheus", ["metrics:read"]);

        (await GetWithKeyAsync("/metrics", key)).Should().Be(HttpStatusCode.OK);
        (await GetWithKeyAsync("/api/v1/admin/audit", key)).Should().Be(HttpStatusCode.Forbidden, "no audit:read");
        (await GetWithKeyAsync("/api/v1/admin/settings", key)).Should().Be(HttpStatusCode.Unauthorized, "a key is no admin session");
        (await GetWithKeyAsync("/api/v1/account", key)).Should().Be(HttpStatusCode.Unauthorized);
        (await GetWithKeyAsync("/metrics", key[..^2] + "xx")).Should().Be(HttpStatusCode.Unauthorized, "a wrong secret");

        var listed = await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/api-keys", null, admin);
        var secret = key[(4 + id.Length + 1)..];
        listed.Body.ToString().Should().NotContain(secret, "the secret is shown once only");
        var stored = await factory.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Id == id));
        stored.SecretHash.Should().NotContain(secret);

        (await _client.SendAsync(HttpMethod.Delete, $"/api/v1/admin/api-keys/{id}", null, admin)).Status.Should().Be(HttpStatusCode.NoContent);
        (await GetWithKeyAsync("/metrics", key)).Should().Be(HttpStatusCode.Unauthorized, "revoked");
        var audit = await factory.WithDbAsync(db => db.LoginAudit.Where(a => a.FlowId == id).Select(a => a.Outcome).ToListAsync());
        audit.Should().BeEquivalentTo(["ApiKeyCreated", "ApiKeyRevoked"]);
    }

    [Fact]
    public async Task ScopedKeysReadTheAuditAndUsersAndExpire()
    {
        var admin = await factory.AdminTokenAsync(_client);
        var (_, reader) = await CreateAsync(admin, "shipper", ["audit:read", "users:read"], days: 1);

        (await GetWithKeyAsync("/api/v1/admin/audit", reader)).Should().Be(HttpStatusCode.OK);
        (await GetWithKeyAsync("/api/v1/admin/users", reader)).Should().Be(HttpStatusCode.OK);
        using (var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/users") { Content = JsonContent.Create(new { userId = "x" }) })
        {
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", reader);
            (await _client.Http.SendAsync(create)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "reading is all a key may do");
        }
        (await GetWithKeyAsync("/metrics", reader)).Should().Be(HttpStatusCode.Forbidden);

        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        (await GetWithKeyAsync("/api/v1/admin/audit", reader)).Should().Be(HttpStatusCode.Unauthorized, "expired");
    }

    [Fact]
    public async Task EveryKeyWorksWhateverCharactersItsIdHas()
    {
        var admin = await factory.AdminTokenAsync(_client);
        // Ids are base64url: one in five or so holds a '_', the key's own separator (this failed one run in five).
        for (var i = 0; i < 30; i++)
        {
            var (_, key) = await CreateAsync(admin, $"bulk-{i}", ["metrics:read"]);
            (await GetWithKeyAsync("/metrics", key)).Should().Be(HttpStatusCode.OK, key[..16]);
        }
    }

    [Fact]
    public async Task AKeyNeedsANameAndKnownScopes()
    {
        var admin = await factory.AdminTokenAsync(_client);

        (await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/api-keys", JsonContent.Create(new { name = "", scopes = new[] { "metrics:read" } }), admin))
            .Status.Should().Be(HttpStatusCode.BadRequest);
        (await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/api-keys", JsonContent.Create(new { name = "x", scopes = new[] { "root" } }), admin))
            .Status.Should().Be(HttpStatusCode.BadRequest);
        (await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/api-keys", JsonContent.Create(new { name = "x", scopes = new[] { "metrics:read" }, expiresInDays = 400 }), admin))
            .Status.Should().Be(HttpStatusCode.BadRequest);
    }
}
