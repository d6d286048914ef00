using System.Net;
using System.Text.Json;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// Issue 20, part 2: every admin action is an audit event with its actor, target, before and after (never a secret) and
/// the admin's address; <c>GET /admin/audit</c> reads them beside the logins, filtered.
/// </summary>
public sealed class AdminAuditTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private const string InitialPassword = "Initial-Secret-71";
    private readonly FlowClient _client = new(factory.CreateClient());

    private static async Task<string> UserIdOfAsync(AdminClient admin) =>
        (await admin.SendAsync(HttpMethod.Get, "/api/v1/session")).Body.GetProperty("userId").GetString()!;

    private static async Task<JsonElement> AuditAsync(AdminClient admin, string query) =>
        (await admin.SendAsync(HttpMethod.Get, $"/api/v1/admin/audit?{query}")).Body.GetProperty("items");

    [Fact]
    public async Task EveryChangeToAUserIsAnAdminEventWithWhoWhatBeforeAndAfter()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        var adminId = await UserIdOfAsync(admin);
        var path = "/api/v1/admin/users/zhaoliu";

        (await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/users",
            new { userId = "zhaoliu", name = "赵六", role = "agent", password = InitialPassword })).Status.Should().Be(HttpStatusCode.Created);
        (await admin.SendAsync(HttpMethod.Patch, path, new { name = "赵六六", category = "vip" })).Status.Should().Be(HttpStatusCode.OK);
        (await admin.SendAsync(HttpMethod.Post, $"{path}/unlock")).Status.Should().Be(HttpStatusCode.NoContent);
        (await admin.SendAsync(HttpMethod.Put, $"{path}/contacts/email", new { target = "zhaoliu@corp.example" })).Status.Should().Be(HttpStatusCode.OK);
        await factory.WithDbAsync(async db =>
        {
            // TOTP as an enrolment would have left it, so the admin has one to reset.
            var user = db.Users.Single(u => u.NormalizedUserId == "zhaoliu");
            user.TotpEnabled = true;
            return await db.SaveChangesAsync();
        });
        (await admin.SendAsync(HttpMethod.Delete, $"{path}/otp")).Status.Should().Be(HttpStatusCode.NoContent);
        (await admin.SendAsync(HttpMethod.Patch, path, new { disabled = true })).Status.Should().Be(HttpStatusCode.OK);
        (await admin.SendAsync(HttpMethod.Patch, path, new { disabled = true })).Status.Should().Be(HttpStatusCode.OK); // no change: no event

        var answer = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?kind=admin&userId=zhaoliu");
        var events = answer.Body.GetProperty("items");

        events.EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).Should().Equal(
            "UserUpdated", "OtpReset", "ContactSet", "UserUnlocked", "UserUpdated", "UserCreated");
        foreach (var e in events.EnumerateArray())
        {
            e.GetProperty("kind").GetString().Should().Be("admin");
            e.GetProperty("actor").GetString().Should().Be(adminId);
            e.GetProperty("userId").GetString().Should().Be("zhaoliu");
            e.GetProperty("target").GetProperty("type").GetString().Should().Be("user");
            e.GetProperty("target").GetProperty("id").GetString().Should().Be("zhaoliu");
        }
        var created = events[5];
        created.TryGetProperty("before", out _).Should().BeFalse("nothing was there before");
        created.GetProperty("after").GetProperty("name").GetString().Should().Be("赵六");
        created.GetProperty("after").GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        var renamed = events[4];
        (renamed.GetProperty("before").GetProperty("name").GetString(), renamed.GetProperty("after").GetProperty("name").GetString()).Should().Be(("赵六", "赵六六"));
        renamed.GetProperty("before").GetProperty("category").ValueKind.Should().Be(JsonValueKind.Null);
        renamed.GetProperty("after").GetProperty("category").GetString().Should().Be("vip");
        events[2].GetProperty("after").GetProperty("email").GetString().Should().Be("zhaoliu@corp.example");
        events[2].GetProperty("after").GetProperty("emailVerified").GetBoolean().Should().BeFalse();
        (events[1].GetProperty("before").GetProperty("totpEnabled").GetBoolean(), events[1].GetProperty("after").GetProperty("totpEnabled").GetBoolean()).Should().Be((true, false));
        (events[0].GetProperty("before").GetProperty("disabled").GetBoolean(), events[0].GetProperty("after").GetProperty("disabled").GetBoolean()).Should().Be((false, true));
        answer.Body.GetRawText().Should().NotContain(InitialPassword).And.NotContain("$2", "no password or hash is in an event");
        (await factory.WithDbAsync(db => Task.FromResult(db.LoginAudit.Where(a => a.UserId == "zhaoliu").Select(a => a.Before + a.After).ToList())))
            .Should().NotContain(text => text != null && text.Contains(InitialPassword));
    }

    [Fact]
    public async Task AUsersDepartmentsAreTheDirectorysAndRefusedWhenUnknown()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        await factory.AddUserAsync("dept-user", "dept-Pass-word-1");
        await factory.WithDbAsync(async db =>
        {
            db.Departments.Add(new DepartmentRecord { Id = 7, Name = "客服部", ParentId = 1, SyncedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

        var placed = await admin.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/dept-user", new { departments = new[] { "7" } });
        var unknown = await admin.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/dept-user", new { departments = new[] { "7", "999" } });
        var malformed = await admin.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/dept-user", new { departments = new[] { "seven" } });
        var longCategory = await admin.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/dept-user", new { category = new string('c', 65) });

        placed.Status.Should().Be(HttpStatusCode.OK);
        placed.Body.GetProperty("departments").EnumerateArray().Select(d => d.GetString()).Should().Equal("7");
        foreach (var (refused, field) in new[] { (unknown, "departments"), (malformed, "departments"), (longCategory, "category") })
        {
            refused.Status.Should().Be(HttpStatusCode.BadRequest);
            refused.Code.Should().Be("invalid_request");
            refused.Body.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(refused.Body.GetRawText());
        }
        (await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/users/dept-user")).Body.GetProperty("departments")
            .EnumerateArray().Select(d => d.GetString()).Should().Equal(["7"], "a refused change changes nothing");
    }

    [Fact]
    public async Task TheAuditFiltersByKindActorAndOutcome()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        var adminId = await UserIdOfAsync(admin);
        var other = await AdminClient.SignInAsync(factory, _client);
        await factory.AddUserAsync("filtered", "filtered-Pass-1");
        var login = await _client.LoginAsync("filtered", "filtered-Pass-1");
        login.Token.Should().NotBeNull();
        // The login's outcome is written from its outbox, just after the answer: before the admins' changes, as in time.
        var flowId = FlowClient.Id(login);
        await factory.EventuallyFromDbAsync(db => db.LoginAudit.AnyAsync(a => a.FlowId == flowId), written => written);
        await admin.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/filtered", new { name = "F" });
        await other.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/filtered", new { name = "G" });

        var logins = await AuditAsync(admin, "kind=login&userId=filtered");
        var byAdmin = await AuditAsync(admin, $"actor={adminId}");
        var updates = await AuditAsync(admin, "outcome=UserUpdated&userId=filtered");
        var everything = await AuditAsync(admin, "userId=filtered");
        var badKind = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?kind=bogus");

        logins.EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).Should().Equal("Issued");
        logins[0].TryGetProperty("actor", out _).Should().BeFalse("a login has no actor");
        byAdmin.EnumerateArray().Select(e => e.GetProperty("after").GetProperty("name").GetString()).Should().Equal("F");
        updates.GetArrayLength().Should().Be(2);
        everything.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().Equal("admin", "admin", "login");
        badKind.Status.Should().Be(HttpStatusCode.BadRequest);
        badKind.Body.GetProperty("errors").GetProperty("kind")[0].GetString().Should().Contain("admin");
    }

    [Fact]
    public async Task SettingsClientsAndKeysAreAuditedWithoutTheirSecrets()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);

        var client = await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/clients", new
        {
            clientId = "audited-app", displayName = "Audited", type = "confidential", firstParty = true,
            redirectUris = new[] { "https://app.corp.example/cb" }, scopes = new[] { "openid" },
        });
        var rotated = await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/clients/audited-app/secret");
        var key = await admin.SendAsync(HttpMethod.Post, "/api/v1/admin/api-keys", new { name = "prometheus", scopes = new[] { "metrics:read" }, expiresInDays = 30 });
        await admin.SendAsync(HttpMethod.Delete, $"/api/v1/admin/api-keys/{key.Body.GetProperty("id").GetString()}");
        await admin.PutSettingAsync("flow", "max_attempts", 7);

        var audit = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?kind=admin&pageSize=200");
        var outcomes = audit.Body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).ToList();

        outcomes.Should().ContainInOrder("SettingChanged", "ApiKeyRevoked", "ApiKeyCreated", "ClientSecretRotated", "ClientCreated");
        var registered = audit.Body.GetProperty("items").EnumerateArray().First(e => e.GetProperty("outcome").GetString() == "ClientCreated");
        registered.GetProperty("target").GetProperty("id").GetString().Should().Be("audited-app");
        registered.GetProperty("after").GetProperty("redirectUris")[0].GetString().Should().Be("https://app.corp.example/cb");
        foreach (var secret in new[] { client.Body.GetProperty("clientSecret").GetString()!, rotated.Body.GetProperty("clientSecret").GetString()!, key.Body.GetProperty("key").GetString()! })
            audit.Body.GetRawText().Should().NotContain(secret);
    }

    [Fact]
    public async Task ARefusalIsInTheLanguageTheAdminAsksFor()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        await factory.AddUserAsync("speaks", "speaks-Pass-1");
        using var http = factory.CreateClient();
        async Task<JsonElement> RefusedAsync(string language, string path, string category)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = System.Net.Http.Json.JsonContent.Create(new { category }) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", admin.Token);
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await http.SendAsync(request);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var tooLong = new string('c', 65);
        var chinese = await RefusedAsync("zh-CN", "/api/v1/admin/users/speaks", tooLong);
        var english = await RefusedAsync("en", "/api/v1/admin/users/speaks", tooLong);
        var missingZh = await RefusedAsync("zh-CN", "/api/v1/admin/users/nobody-here", "vip");
        var missingEn = await RefusedAsync("en", "/api/v1/admin/users/nobody-here", "vip");

        chinese.GetProperty("errors").GetProperty("category")[0].GetString().Should().Be("最多 64 个字符，不能包含控制字符（留空表示无）。");
        english.GetProperty("errors").GetProperty("category")[0].GetString().Should().Be("At most 64 characters, no control characters (empty: none).");
        (missingZh.GetProperty("code").GetString(), missingZh.GetProperty("detail").GetString()).Should().Be(("user_not_found", "没有此用户。"));
        missingEn.GetProperty("detail").GetString().Should().Be("No such user.");
    }
}
