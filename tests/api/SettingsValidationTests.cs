using System.Net;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>Every key refuses what its meta does not allow: 422 naming the field and reason, and nothing stored.</summary>
public sealed class SettingsValidationTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private static readonly string Loop = "{{ for i in 1..100000 }}x{{ end }}";

    /// <summary>namespace, key, rejected value (JSON), code, field.</summary>
    public static TheoryData<string, string, string, string, string> Rejected() => new()
    {
        { "authentication", "type", "5", "setting_invalid", "value" },
        { "authentication", "type", "\"three_factor\"", "setting_invalid", "value" },
        { "authentication", "admin_requires_otp", "\"yes\"", "setting_invalid", "value" },
        { "authentication", "password_fallback_enabled", "1", "setting_invalid", "value" },
        { "two_factor", "send_method", "\"fax\"", "setting_invalid", "value" },
        { "two_factor", "expire_seconds", "59", "setting_invalid", "value" },
        { "two_factor", "expire_seconds", "601", "setting_invalid", "value" },
        { "two_factor", "expire_seconds", "\"300\"", "setting_invalid", "value" },
        { "two_factor", "expire_seconds", "300.5", "setting_invalid", "value" },
        { "two_factor", "code_length", "5", "setting_invalid", "value" },
        { "two_factor", "code_length", "9", "setting_invalid", "value" },
        { "two_factor", "scope", "[]", "setting_invalid", "value" },
        { "two_factor", "scope", """{"categories":[],"departments":[]}""", "setting_invalid", "value.profiles" },
        { "two_factor", "scope", """{"categories":[],"departments":[2],"profiles":[]}""", "setting_invalid", "value.departments" },
        { "two_factor", "scope", """{"categories":[],"departments":[],"profiles":[],"roles":[]}""", "setting_invalid", "value.roles" },
        { "two_factor", "email_config", """{"title":"t","sender":"s"}""", "setting_invalid", "value.content" },
        { "two_factor", "email_config", """{"title":"{{ if }}","sender":"s","content":"{{ code }}"}""", "template_invalid", "value.title" },
        { "two_factor", "email_config", """{"title":"t","sender":"s","content":"{{ password }}"}""", "template_invalid", "value.content" },
        { "two_factor", "email_config", $$"""{"title":"t","sender":"s","content":"{{Loop}}"}""", "template_invalid", "value.content" },
        { "two_factor", "email_config", """{"title":"t","sender":"s","content":"{{ include 'x' }}"}""", "template_invalid", "value.content" },
        { "two_factor", "email_config", """{"title":"t","sender":"s","content":"{{ code }}","content_en":"{{ user.password }}"}""", "template_invalid", "value.content_en" },
        { "two_factor", "sms_config", """{"content":"{{ code }}"}""", "setting_invalid", "value.sender" },
        { "two_factor", "sms_config", """{"sender":"s","content":"{{ object.eval 'code' }}"}""", "template_invalid", "value.content" },
        { "two_factor", "wecom_config", """{"content":"{{ if code }}no end"}""", "template_invalid", "value.content" },
        { "flow", "lifetime_seconds", "59", "setting_invalid", "value" },
        { "flow", "lifetime_seconds", "3601", "setting_invalid", "value" },
        { "flow", "max_attempts", "0", "setting_invalid", "value" },
        { "flow", "max_attempts", "21", "setting_invalid", "value" },
        { "session", "absolute_lifetime_seconds", "299", "setting_invalid", "value" },
        { "session", "idle_timeout_seconds", "59", "setting_invalid", "value" },
        { "lockout", "max_failures", "0", "setting_invalid", "value" },
        { "lockout", "wait_increment_seconds", "0", "setting_invalid", "value" },
        { "lockout", "max_wait_seconds", "86401", "setting_invalid", "value" },
        { "recovery", "enabled", "\"no\"", "setting_invalid", "value" },
        { "recovery", "lifetime_seconds", "299", "setting_invalid", "value" },
        { "recovery", "admin_link_hours", "169", "setting_invalid", "value" },
        // A notice knows no code, token or password: a template naming one is refused.
        { "notices", "password_changed", """{"title":"t","content":"{{ code }}"}""", "template_invalid", "value.content" },
        { "notices", "recovery_started", """{"title":"{{ password }}","content":"{{ link }}"}""", "template_invalid", "value.title" },
        { "notices", "account_locked", """{"title":"t"}""", "setting_invalid", "value.content" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task InvalidValueIs422AndNothingIsStored(string @namespace, string key, string value, string code, string field)
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        var before = await admin.ValueOfAsync(@namespace, key);
        var audits = await factory.WithDbAsync(db => db.LoginAudit.CountAsync(a => a.Outcome == "SettingChanged"));

        var answer = await admin.PutRawAsync(@namespace, key, $$"""{"value":{{value}}}""");

        answer.Status.Should().Be(HttpStatusCode.UnprocessableContent);
        answer.Code.Should().Be(code);
        answer.Body.GetProperty("field").GetString().Should().Be(field);
        answer.Body.GetProperty("errors").GetProperty(field)[0].GetString().Should().NotBeNullOrEmpty();
        (await admin.ValueOfAsync(@namespace, key)).Should().Be(before);
        (await factory.WithDbAsync(db => db.LoginAudit.CountAsync(a => a.Outcome == "SettingChanged"))).Should().Be(audits);
    }

    [Fact]
    public async Task BrokenTemplateNamesItsLineAndColumn()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);

        var answer = await admin.PutSettingAsync("two_factor", "sms_config", new { sender = "s", content = "验证码\n  {{ nope }}" });

        answer.Code.Should().Be("template_invalid");
        answer.Body.GetProperty("line").GetInt32().Should().Be(2);
        answer.Body.GetProperty("column").GetInt32().Should().Be(6);
    }

    [Fact]
    public async Task ValidChangeIsStoredAndAuditedWithWhoAndBeforeAndAfter()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);

        var answer = await admin.PutSettingAsync("two_factor", "code_length", 8);

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.Body.GetProperty("value").GetInt32().Should().Be(8);
        answer.Body.GetProperty("isDefault").GetBoolean().Should().BeFalse();
        answer.Body.GetProperty("updatedBy").GetString().Should().StartWith("admin-", "the admin who signed in");
        // The admin audit reads it: who, from where, the value and whether it was in force before and after.
        var audit = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?kind=admin&outcome=SettingChanged&pageSize=100");
        var change = audit.Body.GetProperty("items").EnumerateArray().First(e => e.GetProperty("flowId").GetString() == "two_factor.code_length");
        change.GetProperty("actor").GetString().Should().Be(answer.Body.GetProperty("updatedBy").GetString());
        change.GetProperty("target").GetProperty("type").GetString().Should().Be("setting");
        change.GetProperty("before").GetProperty("value").GetInt32().Should().Be(6);
        change.GetProperty("after").GetProperty("value").GetInt32().Should().Be(8);
        change.GetProperty("after").GetProperty("enabled").GetBoolean().Should().BeTrue();

        await admin.PutSettingAsync("two_factor", "code_length", 6);
    }

    [Fact]
    public async Task ListShowsEveryKeyOfANamespaceWithItsMeta()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);

        var items = (await admin.GetSettingsAsync("?namespace=two_factor")).Body.GetProperty("items").EnumerateArray().ToList();

        items.Select(i => i.GetProperty("key").GetString()).Should().BeEquivalentTo(
            "send_method", "expire_seconds", "code_length", "scope", "email_config", "sms_config", "wecom_config", "otp_issuer", "otp_account", "shared_contacts_allowed");
        var sendMethod = items.Single(i => i.GetProperty("key").GetString() == "send_method");
        sendMethod.GetProperty("valueType").GetString().Should().Be("enum");
        sendMethod.GetProperty("choices").EnumerateArray().Select(c => c.GetString()).Should().Equal("email", "sms", "wecom");
        items.Single(i => i.GetProperty("key").GetString() == "expire_seconds").GetProperty("max").GetInt64().Should().Be(600);
    }

    [Fact]
    public async Task UnknownSettingIsNotFoundAndMissingValueIsInvalidRequest()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);

        (await admin.PutSettingAsync("two_factor", "no_such_key", 1)).Status.Should().Be(HttpStatusCode.NotFound);
        (await admin.PutRawAsync("two_factor", "code_length", "{}")).Code.Should().Be("invalid_request");
        (await admin.GetSettingsAsync("?namespace=nope")).Code.Should().Be("invalid_request");
    }

    [Fact]
    public async Task SettingsNeedAnAdminSession()
    {
        await factory.AddUserAsync("agent-settings", "agent-Pass-1");
        var agentToken = (await _client.LoginAsync("agent-settings", "agent-Pass-1")).Token;

        (await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/settings", null)).Status.Should().Be(HttpStatusCode.Unauthorized);
        var forbidden = await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/settings", null, agentToken);
        forbidden.Status.Should().Be(HttpStatusCode.Forbidden);
        forbidden.Code.Should().Be("forbidden");
        (await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/templates/preview",
            System.Net.Http.Json.JsonContent.Create(new { template = "x" }), agentToken)).Status.Should().Be(HttpStatusCode.Forbidden);
    }
}
