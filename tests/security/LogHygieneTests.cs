using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Point 10: a full set of logins leaves no secret in any log line, and every terminal outcome in the audit.</summary>
public sealed class LogHygieneTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task NoPasswordCodeTokenOrSecretIsLoggedAndEveryEndIsAudited()
    {
        var secrets = new List<string>();
        var ended = new List<string>();
        const string password = "hygiene-Pass-4711";
        secrets.Add(password);

        // Password only.
        await factory.AddUserAsync("hygiene1", password);
        var plain = await _client.LoginAsync("hygiene1", password);
        secrets.Add(plain.Token!);
        ended.Add(FlowClient.Id(plain));

        // Password + TOTP, then a recovery code.
        var totp = TotpSecrets.New();
        secrets.Add(TotpSecrets.ToBase32(totp));
        await factory.AddUserAsync("hygiene2", password, totpSecret: totp);
        await factory.AddRecoveryCodeAsync("hygiene2", "hyg1-ene2-code");
        secrets.Add("hyg1-ene2-code");
        var challenge = await _client.LoginAsync("hygiene2", password);
        var otp = factory.TotpCode(totp);
        secrets.Add(otp);
        var withOtp = await _client.PostAsync(FlowClient.Id(challenge), "otp", new { code = otp });
        secrets.Add(withOtp.Token!);
        ended.Add(FlowClient.Id(withOtp));
        var recovery = await _client.LoginAsync("hygiene2", password);
        var withRecovery = await _client.PostAsync(FlowClient.Id(recovery), "recovery-code", new { code = "hyg1-ene2-code" });
        secrets.Add(withRecovery.Token!);
        ended.Add(FlowClient.Id(withRecovery));

        // Password + mailed captcha.
        await factory.SetSettingAsync("authentication", "type", "two_factor");
        await factory.AddUserAsync("hygiene3", password, email: "hygiene3@corp.example");
        var captcha = await _client.LoginAsync("hygiene3", password);
        var code = (await factory.WaitForMailAsync("hygiene3@corp.example")).Code;
        secrets.Add(code);
        var withCaptcha = await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code });
        secrets.Add(withCaptcha.Token!);
        ended.Add(FlowClient.Id(withCaptcha));
        await factory.SetSettingAsync("authentication", "type", "none");

        // Wrong answers until the flow locks; a flow left to expire.
        var locked = FlowClient.Id(await _client.StartAsync());
        for (var i = 0; i < 5; i++) await _client.PasswordAsync(locked, "hygiene-nobody", "wrong-Secret-998");
        secrets.Add("wrong-Secret-998");
        ended.Add(locked);
        var expired = FlowClient.Id(await _client.StartAsync());
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        await _client.GetAsync(expired);
        ended.Add(expired);

        // Logged out, at the end, with its token.
        await _client.SendAsync(HttpMethod.Delete, "/api/v1/session", null, plain.Token);

        factory.Logs.Lines.Should().NotBeEmpty();
        foreach (var secret in secrets)
            factory.Logs.Lines.Should().NotContain(line => line.Contains(secret), $"a secret ({secret.Length} characters) must not be logged");

        var audited = await factory.EventuallyFromDbAsync(db => db.LoginAudit.Where(a => ended.Contains(a.FlowId)).Select(a => new { a.FlowId, a.Outcome }).ToListAsync(),
            rows => rows.Count >= ended.Count);
        audited.Select(a => a.FlowId).Should().BeEquivalentTo(ended, "one record per terminal outcome");
        audited.Select(a => a.Outcome).Distinct().Should().BeEquivalentTo(["Issued", "Locked", "Expired"]);
    }
}
