using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace LoginOrchestrator.Api.Tests;

/// <summary>SMS through the webhook provider, received by a listener of the test's own.</summary>
public sealed class WebhookSmsFactory : LoginApiFactory
{
    public WebhookListener Webhook { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Sms:Provider", "webhook");
        builder.UseSetting("Sms:WebhookUrl", Webhook.Url);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Webhook.DisposeAsync();
    }
}

public sealed class WebhookSmsTests(WebhookSmsFactory factory) : IClassFixture<WebhookSmsFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task SmsCodeIsPostedToTheWebhookRenderedFromTheSmsTemplate()
    {
        await factory.SetSettingAsync("authentication", "type", "two_factor");
        await factory.SetSettingAsync("two_factor", "send_method", "sms");
        await factory.AddUserAsync("sms-user", "sms-user-Pass-1", mobile: "13800138000");

        var captcha = await _client.LoginAsync("sms-user", "sms-user-Pass-1");
        captcha.State.Should().Be("Captcha");
        captcha.Flow.GetProperty("captcha").GetProperty("maskedTarget").GetString().Should().Be("138****8000");

        var body = await factory.Webhook.WaitForAsync(b => b.GetProperty("to").GetString() == "13800138000");
        var text = body.GetProperty("text").GetString()!;
        text.Should().MatchRegex(@"^【LoginOrchestrator】您的验证码为 \d{6},5 分钟内有效。如非本人操作请忽略。$");
        body.GetProperty("sender").GetString().Should().Be("LoginOrchestrator");

        var code = System.Text.RegularExpressions.Regex.Match(text, @"\d{6}").Value;
        (await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code })).State.Should().Be("Issued");
    }
}
