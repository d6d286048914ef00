using System.Net;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Security.Tests;

/// <summary>
/// Issue 15.8: values an admin saves that pass validation but fail later. A code message that cannot render is never a
/// 500: the built-in template is sent, the failure is logged, counted and shown to the admin. Validation refuses a code
/// template that shows no code, and an issuer too long for a QR code.
/// </summary>
public sealed class SavedValueFailureTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>, IAsyncLifetime
{
    private readonly FlowClient _client = new(factory.CreateClient());

    public Task InitializeAsync() => factory.SetSettingAsync("authentication", "type", "two_factor");

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Valid for every sample the validator tries, broken for one real user: the loop passes the loop limit.</summary>
    private const string FailsOnRealData =
        "{{ if user_id == 'tplvictim' }}{{ for i in 1..300 }}x{{ end }}{{ code }}{{ else }}验证码 {{ code }}{{ end }}";

    [Fact]
    public async Task ATemplateThatFailsOnRealDataSendsTheBuiltInMessageAndTellsTheAdmin()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);
        (await admin.PutSettingAsync("two_factor", "email_config", new { title = "{{ app_name }}", sender = "IT", content = FailsOnRealData }))
            .Status.Should().Be(HttpStatusCode.OK, "the validator's samples all render it");
        try
        {
            await factory.AddUserAsync("tplvictim", "tplvictim-Pass-1", email: "tplvictim@corp.example");

            var captcha = await _client.LoginAsync("tplvictim", "tplvictim-Pass-1");

            captcha.Status.Should().Be(HttpStatusCode.OK);
            captcha.State.Should().Be("Captcha");
            var mail = await factory.WaitForMailAsync("tplvictim@corp.example");
            mail.Text.Should().Contain("分钟内有效", "the built-in template went instead");
            (await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code = mail.Code })).State.Should().Be("Issued");

            factory.Logs.Lines.Should().Contain(l => l.Contains("built-in template was sent instead") && !l.Contains(mail.Code));
            var setting = (await admin.GetSettingsAsync("?namespace=two_factor")).Body.GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("key").GetString() == "email_config");
            setting.GetProperty("renderFailure").GetProperty("reason").GetString().Should().NotBeNullOrEmpty();
        }
        finally
        {
            await factory.SetSettingAsync("two_factor", "email_config", System.Text.Json.JsonSerializer.Deserialize<object>(
                System.Text.Json.JsonSerializer.Serialize(LoginOrchestrator.Templates.DefaultTemplates.EmailConfig, LoginOrchestrator.Templates.Settings.SettingJson.Options))!);
        }
    }

    [Theory]
    [InlineData("email_config", """{"title":"t","sender":"s","content":"Hello {{ user_name }}"}""", "value.content")]
    [InlineData("email_config", """{"title":"t","sender":"s","content":"{{ code }}","content_en":"no code here"}""", "value.content_en")]
    [InlineData("sms_config", """{"sender":"s","content":"【{{ app_name }}】验证码已发送"}""", "value.content")]
    [InlineData("wecom_config", """{"content":"{{ if user_id == 'zhangsan' }}{{ code }}{{ end }}"}""", "value.content")]
    [InlineData("email_config", """{"title":"t","sender":"s","content":"{{ if user_id == 'zhangsan' }}{{ code }}{{ else }}{{ for i in 1..300 }}x{{ end }}{{ end }}"}""", "value.content")]
    public async Task ACodeTemplateThatShowsNoCodeIsRefused(string key, string value, string field)
    {
        var admin = await AdminClient.SignInAsync(factory, _client);

        var refused = await admin.PutRawAsync("two_factor", key, $$"""{"value":{{value}}}""");

        refused.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        refused.Code.Should().Be("template_invalid");
        refused.Body.GetProperty("field").GetString().Should().Be(field);
    }

    [Fact]
    public async Task AnIssuerTooLongForAQrCodeIsRefusedAndTheLongestAllowedOneStillEnrols()
    {
        var admin = await AdminClient.SignInAsync(factory, _client);

        var refused = await admin.PutSettingAsync("two_factor", "otp_issuer", new string('长', 400));
        refused.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        refused.Code.Should().Be("setting_invalid");

        (await admin.PutSettingAsync("two_factor", "otp_issuer", new string('长', 64))).Status.Should().Be(HttpStatusCode.OK);
        (await admin.PutSettingAsync("two_factor", "otp_account", "email")).Status.Should().Be(HttpStatusCode.OK);
        try
        {
            var email = new string('m', 64) + "@" + new string('d', 60) + ".corp.example";
            await factory.AddUserAsync("longissuer", "longissuer-Pass-1", email: email);
            var token = await factory.IssueSessionAsync("longissuer");

            var started = await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, token);

            started.Status.Should().Be(HttpStatusCode.OK);
            started.Body.GetProperty("qrCodePng").GetString().Should().NotBeNullOrEmpty();
        }
        finally
        {
            await factory.SetSettingAsync("two_factor", "otp_issuer", "LoginOrchestrator");
            await factory.SetSettingAsync("two_factor", "otp_account", "user_id");
        }
    }

    /// <summary>A value saved before a rule tightened (here straight into the table) is not used: its default is.</summary>
    [Fact]
    public async Task AStoredValueTodaysRulesRefuseFallsBackToItsDefault()
    {
        await factory.WithDbAsync(async db =>
        {
            var meta = await db.SettingMetas.SingleAsync(m => m.Namespace == "two_factor" && m.Key == "otp_issuer");
            db.Settings.RemoveRange(db.Settings.Where(s => s.MetaId == meta.Id));
            db.Settings.Add(new LoginOrchestrator.Stores.Database.SettingRecord
            {
                MetaId = meta.Id, Value = System.Text.Json.JsonSerializer.Serialize(new string('长', 400)), Enabled = true,
                UpdatedBy = "an older release", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        await factory.SetSettingAsync("authentication", "type", "two_factor"); // any save drops every instance's cached settings
        try
        {
            await factory.AddUserAsync("oldissuer", "oldissuer-Pass-1");
            var token = await factory.IssueSessionAsync("oldissuer");

            var started = await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, token);

            started.Status.Should().Be(HttpStatusCode.OK);
            started.Body.GetProperty("otpauthUri").GetString().Should().Contain("issuer=LoginOrchestrator");
            factory.Logs.Lines.Should().Contain(l => l.Contains("two_factor.otp_issuer as stored is refused"));
        }
        finally
        {
            await factory.SetSettingAsync("two_factor", "otp_issuer", "LoginOrchestrator");
        }
    }
}
