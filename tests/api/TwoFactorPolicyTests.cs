using System.Net;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>Admins change the policy and templates at run time; the next login follows them.</summary>
public sealed class TwoFactorPolicyTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>, IAsyncLifetime
{
    private readonly FlowClient _client = new(factory.CreateClient());
    private AdminClient _admin = null!;

    public async Task InitializeAsync() => _admin = await AdminClient.SignInAsync(factory, _client);

    public async Task DisposeAsync()
    {
        await _admin.PutSettingAsync("authentication", "type", "none");
        await _admin.PutSettingAsync("two_factor", "scope", new { categories = Array.Empty<string>(), departments = Array.Empty<string>(), profiles = Array.Empty<string>() });
    }

    [Fact]
    public async Task DepartmentScopedTwoFactorChangesWhoGetsACaptchaWithoutRestart()
    {
        await factory.AddUserAsync("ops-one", "ops-one-Pass-1", email: "ops-one@corp.example", departments: "2,7");
        await factory.AddUserAsync("sales-one", "sales-one-Pass-1", email: "sales-one@corp.example", departments: "9");
        (await _client.LoginAsync("ops-one", "ops-one-Pass-1")).State.Should().Be("Issued", "two-factor is off by default");

        (await _admin.PutSettingAsync("authentication", "type", "two_factor")).Status.Should().Be(HttpStatusCode.OK);
        (await _admin.PutSettingAsync("two_factor", "scope", new { categories = Array.Empty<string>(), departments = new[] { "2" }, profiles = Array.Empty<string>() }))
            .Status.Should().Be(HttpStatusCode.OK);

        (await _client.LoginAsync("ops-one", "ops-one-Pass-1")).State.Should().Be("Captcha");
        (await _client.LoginAsync("sales-one", "sales-one-Pass-1")).State.Should().Be("Issued");

        await _admin.PutSettingAsync("two_factor", "scope", new { categories = Array.Empty<string>(), departments = Array.Empty<string>(), profiles = Array.Empty<string>() });
        (await _client.LoginAsync("sales-one", "sales-one-Pass-1")).State.Should().Be("Captcha", "an empty scope means everyone");
    }

    [Fact]
    public async Task AdminTurnsOnTwoFactorForOneDepartmentEditsTheMailPreviewsItAndTheNextLoginGetsIt()
    {
        await factory.AddUserAsync("desk-agent", "desk-agent-Pass-1", email: "desk-agent@corp.example", departments: "42");
        const string title = "{{ app_name }}: 您的验证码";
        const string content = "{{ user_name }} 请使用 {{ code }} 登录({{ expire_minutes }} 分钟内有效,用途 {{ purpose }})";

        await _admin.PutSettingAsync("authentication", "type", "two_factor");
        await _admin.PutSettingAsync("two_factor", "scope", new { categories = Array.Empty<string>(), departments = new[] { "42" }, profiles = Array.Empty<string>() });
        var preview = await _admin.PreviewAsync(new { template = content, channel = "email", sample = new { user_name = "王五" } });
        preview.Status.Should().Be(HttpStatusCode.OK);
        preview.Body.GetProperty("output").GetString().Should().Be("王五 请使用 123456 登录(5 分钟内有效,用途 login)");
        (await _admin.PutSettingAsync("two_factor", "email_config", new { title, sender = "IT 服务台", content })).Status.Should().Be(HttpStatusCode.OK);

        var captcha = await _client.LoginAsync("desk-agent", "desk-agent-Pass-1");
        captcha.State.Should().Be("Captcha");
        var mail = await factory.Mailbox.WaitForMailAsync("desk-agent@corp.example");

        mail.Subject.Should().Be("LoginOrchestrator: 您的验证码");
        mail.Text.Should().MatchRegex(@"^desk-agent 请使用 \d{6} 登录\(5 分钟内有效,用途 login\)$");
        (await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code = mail.Code })).State.Should().Be("Issued");
    }

    [Fact]
    public async Task CodeLengthAndLifetimeComeFromTheSettings()
    {
        await factory.AddUserAsync("eight-digits", "eight-Pass-1", email: "eight-digits@corp.example");
        await _admin.PutSettingAsync("authentication", "type", "two_factor");
        await _admin.PutSettingAsync("two_factor", "code_length", 8);
        await _admin.PutSettingAsync("two_factor", "expire_seconds", 120);
        try
        {
            var captcha = await _client.LoginAsync("eight-digits", "eight-Pass-1");
            var mail = await factory.Mailbox.WaitForMailAsync("eight-digits@corp.example");

            mail.Code.Should().MatchRegex("^[0-9]{8}$");
            var expiresAt = captcha.Flow.GetProperty("captcha").GetProperty("expiresAt").GetDateTimeOffset();
            (expiresAt - factory.Clock.GetUtcNow()).Should().BeCloseTo(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(2));
        }
        finally
        {
            await _admin.PutSettingAsync("two_factor", "code_length", 6);
            await _admin.PutSettingAsync("two_factor", "expire_seconds", 300);
        }
    }

    [Fact]
    public async Task LongSmsPreviewWarnsAboutSegments()
    {
        var preview = await _admin.PreviewAsync(new { template = "【{{ app_name }}】" + new string('验', 80) + "{{ code }}", channel = "sms" });

        preview.Status.Should().Be(HttpStatusCode.OK);
        var warning = preview.Body.GetProperty("warnings")[0];
        warning.GetProperty("code").GetString().Should().Be("sms_multiple_segments");
        preview.Body.GetProperty("length").GetInt32().Should().BeGreaterThan(70);
    }

    [Fact]
    public async Task ShortSmsPreviewHasNoWarning()
    {
        var preview = await _admin.PreviewAsync(new { template = "【{{ app_name }}】验证码 {{ code }}", channel = "sms" });

        preview.Body.GetProperty("warnings").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task BrokenTemplatePreviewIs422WithLineAndColumn()
    {
        var preview = await _admin.PreviewAsync(new { template = "第一行\n{{ for x in }}", channel = "sms" });

        preview.Status.Should().Be(HttpStatusCode.UnprocessableContent);
        preview.Code.Should().Be("template_invalid");
        preview.Body.GetProperty("line").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task HtmlPreviewEscapesSampleValues()
    {
        var preview = await _admin.PreviewAsync(new { template = "<p>{{ user_name }}</p>", html = true, sample = new { user_name = "<img src=x>" } });

        preview.Body.GetProperty("output").GetString().Should().Be("<p>&lt;img src=x&gt;</p>");
    }

    [Fact]
    public async Task PreviewRefusesSampleValuesThatAreNotVariables()
    {
        var preview = await _admin.PreviewAsync(new { template = "{{ code }}", sample = new { password = "x" } });

        preview.Status.Should().Be(HttpStatusCode.BadRequest);
        preview.Body.GetProperty("errors").TryGetProperty("sample.password", out _).Should().BeTrue();
    }
}
