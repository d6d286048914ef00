using System.Net;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The run command's configuration: SQLite file, in-process stores, Hangfire in memory, mail to the outbox.</summary>
public sealed class EmbeddedDefaultsTests(EmbeddedLoginApiFactory factory) : IClassFixture<EmbeddedLoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task BootstrapAdminLogsInOnTheEmbeddedDefaults()
    {
        var issued = await _client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);

        issued.State.Should().Be("Issued");
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, issued.Token)).Status.Should().Be(HttpStatusCode.OK);
        File.Exists(Path.Combine(factory.DataDirectory, "loginorchestrator.db")).Should().BeTrue();
    }

    [Fact]
    public async Task CaptchaCodeIsWrittenToTheOutboxAndPasses()
    {
        await factory.SetSettingAsync("authentication", "type", "two_factor");
        try
        {
            await factory.AddUserAsync("outbox-user", "outbox-Pass-1", email: "outbox-user@corp.example");
            var captcha = await _client.LoginAsync("outbox-user", "outbox-Pass-1");

            var mail = await factory.Mailbox.WaitForMailAsync("outbox-user@corp.example");

            (await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code = mail.Code })).State.Should().Be("Issued");
        }
        finally
        {
            await factory.SetSettingAsync("authentication", "type", "none");
        }
    }

    /// <summary>The recovery-code set is replaced at read-committed isolation, which SQLite must accept too.</summary>
    [Fact]
    public async Task TotpEnrolmentIsConfirmedOnTheEmbeddedDatabase()
    {
        await factory.AddUserAsync("sqlite-otp", "sqlite-Otp-Pass-1");
        var token = (await _client.LoginAsync("sqlite-otp", "sqlite-Otp-Pass-1")).Token;
        var secret = (await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, token)).Body.GetProperty("secret").GetString()!;

        var confirmed = await _client.SendAsync(HttpMethod.Post, "/api/v1/account/otp/confirm",
            System.Net.Http.Json.JsonContent.Create(new { code = factory.TotpCode(Steps.Otp.TotpSecrets.FromBase32(secret)) }), token);

        confirmed.Status.Should().Be(HttpStatusCode.OK);
        confirmed.Body.GetProperty("recoveryCodes").GetArrayLength().Should().Be(10);
    }
}
