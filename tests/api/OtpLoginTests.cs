using System.Net;
using LoginOrchestrator.Tests.Support;
using LoginOrchestrator.Steps.Otp;

namespace LoginOrchestrator.Api.Tests;

[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class OtpLoginTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task UserWithTotpPassesPasswordThenOtpToIssued()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("lisi", "lisi-Pass-123", totpSecret: secret);

        var challenge = await _client.LoginAsync("lisi", "lisi-Pass-123");
        challenge.Status.Should().Be(HttpStatusCode.OK);
        challenge.State.Should().Be("OtpChallenge");
        challenge.Strings("reasons").Should().Equal("otp_enrolled");
        challenge.Actions.Should().BeEquivalentTo("submitOtp", "submitRecoveryCode");
        challenge.Flow.GetProperty("user").GetProperty("userId").GetString().Should().Be("lisi");

        var issued = await _client.PostAsync(FlowClient.Id(challenge), "otp", new { code = factory.TotpCode(secret) });

        issued.State.Should().Be("Issued");
        issued.Strings("factors").Should().Equal("password", "otp");
        issued.Token.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task WrongOtpIsCodeInvalidAndCountsAnAttempt()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("wrongotp", "wrongotp-Pass-1", totpSecret: secret);
        var challenge = await _client.LoginAsync("wrongotp", "wrongotp-Pass-1");
        var wrong = factory.TotpCode(secret) == "000000" ? "111111" : "000000";

        var answer = await _client.PostAsync(FlowClient.Id(challenge), "otp", new { code = wrong });

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.Code.Should().Be("code_invalid");
        answer.State.Should().Be("OtpChallenge");
        answer.AttemptsRemaining.Should().Be(challenge.AttemptsRemaining - 1);
    }

    [Fact]
    public async Task OtpCodeAcceptedOnceIsRefusedInTheNextLogin()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("replay", "replay-Pass-1", totpSecret: secret);
        var code = factory.TotpCode(secret);

        var first = await _client.LoginAsync("replay", "replay-Pass-1");
        (await _client.PostAsync(FlowClient.Id(first), "otp", new { code })).State.Should().Be("Issued");

        var second = await _client.LoginAsync("replay", "replay-Pass-1");
        var replayed = await _client.PostAsync(FlowClient.Id(second), "otp", new { code });

        replayed.Code.Should().Be("code_invalid");
        replayed.State.Should().Be("OtpChallenge");
    }

    [Fact]
    public async Task RecoveryCodeLogsInOnceAndOnlyOnce()
    {
        await factory.AddUserAsync("recover", "recover-Pass-1", totpSecret: TotpSecrets.New());
        await factory.AddRecoveryCodeAsync("recover", "ABCD-EFGH-JKLM");

        var first = await _client.LoginAsync("recover", "recover-Pass-1");
        var issued = await _client.PostAsync(FlowClient.Id(first), "recovery-code", new { code = "abcd efgh jklm" });
        issued.State.Should().Be("Issued");
        issued.Strings("factors").Should().Equal("password", "recovery_code");

        var second = await _client.LoginAsync("recover", "recover-Pass-1");
        var reused = await _client.PostAsync(FlowClient.Id(second), "recovery-code", new { code = "ABCD-EFGH-JKLM" });
        reused.Code.Should().Be("code_invalid");
    }
}
