using System.Net;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Point 4: a TOTP code is good once; the previous step passes, two steps away fails; a replay is a logged security event.</summary>
public sealed class TotpReplayTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private string CodeAt(byte[] secret, TimeSpan offset) =>
        new OtpNet.Totp(secret, TotpVerifier.StepSeconds, OtpNet.OtpHashMode.Sha1, TotpVerifier.Digits)
            .ComputeTotp(factory.Clock.GetUtcNow().UtcDateTime + offset);

    private async Task<Answer> SubmitAsync(string userId, string code)
    {
        var challenge = await _client.LoginAsync(userId, "totp-Pass-123");
        challenge.State.Should().Be("OtpChallenge");
        return await _client.PostAsync(FlowClient.Id(challenge), "otp", new { code });
    }

    [Fact]
    public async Task ACodeAcceptedOnceIsRefusedAgainWithinItsWindowAndTheReplayIsLogged()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("replay", "totp-Pass-123", totpSecret: secret);
        var code = CodeAt(secret, TimeSpan.Zero);

        (await SubmitAsync("replay", code)).State.Should().Be("Issued");
        var replay = await SubmitAsync("replay", code);

        replay.Status.Should().Be(HttpStatusCode.Unauthorized);
        replay.Code.Should().Be("code_invalid");
        factory.Logs.Lines.Should().Contain(l => l.Contains("Security event: replayed TOTP time step for user replay"));
    }

    [Fact]
    public async Task ThePreviousStepPassesAndTwoStepsAwayFails()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("drift", "totp-Pass-123", totpSecret: secret);
        var step = TimeSpan.FromSeconds(TotpVerifier.StepSeconds);

        (await SubmitAsync("drift", CodeAt(secret, -2 * step))).Code.Should().Be("code_invalid");
        (await SubmitAsync("drift", CodeAt(secret, 2 * step))).Code.Should().Be("code_invalid");
        (await SubmitAsync("drift", CodeAt(secret, -step))).State.Should().Be("Issued");
    }
}
