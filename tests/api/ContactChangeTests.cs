using System.Net;
using System.Net.Http.Json;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>A bound contact changes only once the new one is proven; the old one is told. An admin's contact is unproven until used.</summary>
public sealed class ContactChangeTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private Task<Answer> Call(HttpMethod method, string path, string token, object? body = null) =>
        _client.SendAsync(method, path, body is null ? null : JsonContent.Create(body), token);

    [Fact]
    public async Task ANewEmailIsBoundOnlyWithTheCodeSentToItAndTheOldOneIsTold()
    {
        var userId = NewId("moving");
        var (old, fresh) = ($"{userId}@old.example", $"{userId}@new.example");
        await factory.AddUserAsync(userId, "moving-Pass-word-1", email: old, contactsVerified: true);
        var token = (await _client.LoginAsync(userId, "moving-Pass-word-1")).Token!;

        var sent = await Call(HttpMethod.Post, "/api/v1/account/contacts/email", token, new { target = fresh.ToUpperInvariant() });
        sent.Status.Should().Be(HttpStatusCode.Accepted, sent.Body.ToString());
        sent.Body.GetProperty("maskedTarget").GetString().Should().NotContain(userId);
        (await Call(HttpMethod.Get, "/api/v1/account", token)).Body.GetProperty("email").GetString().Should().Be(old, "nothing changes before the code");
        var code = (await factory.WaitForMailAsync(fresh)).Code;
        (await Call(HttpMethod.Post, "/api/v1/account/contacts/email/confirm", token, new { code = code == "000000" ? "111111" : "000000" }))
            .Code.Should().Be("code_invalid");

        var confirmed = await Call(HttpMethod.Post, "/api/v1/account/contacts/email/confirm", token, new { code });

        confirmed.Status.Should().Be(HttpStatusCode.OK, confirmed.Body.ToString());
        confirmed.Body.GetProperty("email").GetString().Should().Be(fresh);
        confirmed.Body.GetProperty("emailVerified").GetBoolean().Should().BeTrue();
        var told = await factory.WaitForMailAsync(old);
        told.Subject.Should().Be("LoginOrchestrator 联系方式已更改");
        told.Text.Should().NotContain(fresh, "the new address is masked").And.NotContain(code);
        (await factory.WithDbAsync(db => db.LoginAudit.CountAsync(a => a.UserId == userId && a.Outcome == "ContactChanged"))).Should().Be(1);
    }

    [Fact]
    public async Task AnOldLoginNeedsTheCurrentPasswordAndAnotherUsersContactIsRefused()
    {
        var userId = NewId("stale");
        await factory.AddUserAsync(userId, "stale-Pass-word-1", email: $"{userId}@corp.example", contactsVerified: true);
        var holder = NewId("holder");
        await factory.AddUserAsync(holder, "holder-Pass-word-1", email: $"{holder}@corp.example");
        var token = (await _client.LoginAsync(userId, "stale-Pass-word-1")).Token!;
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        var stale = await Call(HttpMethod.Post, "/api/v1/account/contacts/email", token, new { target = $"{userId}@else.example" });
        stale.Status.Should().Be(HttpStatusCode.Forbidden);
        stale.Code.Should().Be("reauthentication_required");
        (await Call(HttpMethod.Post, "/api/v1/account/contacts/email", token, new { target = $"{userId}@else.example", currentPassword = "wrong-Pass-1" }))
            .Code.Should().Be("invalid_credentials");
        (await Call(HttpMethod.Post, "/api/v1/account/contacts/email", token, new { target = $"{holder}@corp.example", currentPassword = "stale-Pass-word-1" }))
            .Code.Should().Be("contact_taken");
        (await Call(HttpMethod.Post, "/api/v1/account/contacts/fax", token, new { target = "x" })).Status.Should().Be(HttpStatusCode.BadRequest);
        var sent = await Call(HttpMethod.Post, "/api/v1/account/contacts/sms", token, new { target = "+8613800138000", currentPassword = "stale-Pass-word-1" });
        sent.Status.Should().Be(HttpStatusCode.Accepted, sent.Body.ToString());
        var again = await Call(HttpMethod.Post, "/api/v1/account/contacts/sms", token, new { target = "+8613800138000", currentPassword = "stale-Pass-word-1" });
        again.Status.Should().Be(HttpStatusCode.TooManyRequests, "a resend waits out its cooldown");
    }

    [Fact]
    public async Task AnAdminsContactIsAuditedUnprovenAndProvenByItsFirstCode()
    {
        await factory.SetSettingAsync("authentication", "type", "two_factor");
        try
        {
            var userId = NewId("adminset");
            var email = $"{userId}@corp.example";
            await factory.AddUserAsync(userId, "adminset-Pass-1");
            var admin = await factory.AdminTokenAsync(_client);

            var set = await Call(HttpMethod.Put, $"/api/v1/admin/users/{userId}/contacts/email", admin, new { target = email });

            set.Status.Should().Be(HttpStatusCode.OK, set.Body.ToString());
            set.Body.GetProperty("emailVerified").GetBoolean().Should().BeFalse();
            (await factory.WithDbAsync(db => db.LoginAudit.Where(a => a.UserId == userId && a.Outcome == "ContactSet").Select(a => a.Reason).SingleAsync()))
                .Should().StartWith("by_admin:admin-").And.EndWith("email");
            var captcha = await _client.LoginAsync(userId, "adminset-Pass-1");
            captcha.State.Should().Be("Captcha", captcha.Body.ToString());
            var issued = await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code = (await factory.WaitForMailAsync(email)).Code });
            issued.State.Should().Be("Issued");
            (await Call(HttpMethod.Get, $"/api/v1/admin/users/{userId}", admin)).Body.GetProperty("emailVerified").GetBoolean()
                .Should().BeTrue("the first code that came back proved it");
        }
        finally
        {
            await factory.SetSettingAsync("authentication", "type", "none");
        }
    }
}
