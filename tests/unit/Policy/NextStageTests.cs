using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Unit.Tests.Policy;

public sealed class NextStageTests
{
    private static readonly LoginUser Agent = new() { UserId = "zhangsan", Name = "张三", Role = Roles.Agent, Email = "zhangsan@corp.example", Departments = ["2"] };
    private static readonly LoginPolicy TwoFactor = new() { Type = AuthenticationType.TwoFactor };

    [Fact]
    public void EnrolledTotpAlwaysComesFirst()
    {
        var decision = NextStage.Decide(TwoFactor, Agent with { TotpEnabled = true }, degraded: true, weComMessaging: false);

        decision.Should().Be(new StageDecision(LoginState.OtpChallenge, StageReason.OtpEnrolled, false));
    }

    [Fact]
    public void NoPolicyAndNotDegradedIssuesAtOnce()
    {
        NextStage.Decide(new LoginPolicy(), Agent, false, false).Next.Should().Be(LoginState.Issued);
    }

    [Fact]
    public void TwoFactorPolicyWithAKnownEmailSendsACaptcha()
    {
        NextStage.Decide(TwoFactor, Agent, false, false)
            .Should().Be(new StageDecision(LoginState.Captcha, StageReason.TwoFactorPolicy, false));
    }

    [Fact]
    public void TwoFactorPolicyWithoutTargetAsksToBind()
    {
        NextStage.Decide(TwoFactor, Agent with { Email = null }, false, false)
            .Should().Be(new StageDecision(LoginState.TwoFactorBind, StageReason.ContactUnbound, false));
    }

    [Fact]
    public void DegradedLoginWithoutTargetFailsRatherThanBinding()
    {
        NextStage.Decide(new LoginPolicy(), Agent with { Email = null }, degraded: true, weComMessaging: false)
            .Should().Be(new StageDecision(LoginState.Failed, StageReason.SecondFactorUnavailable, false));
    }

    [Fact]
    public void DegradedLoginForcesASecondFactorEvenWithoutPolicy()
    {
        NextStage.Decide(new LoginPolicy(), Agent, degraded: true, weComMessaging: false)
            .Should().Be(new StageDecision(LoginState.Captcha, StageReason.DegradedLogin, false));
    }

    [Theory]
    [InlineData(true, LoginState.Captcha)]
    [InlineData(false, LoginState.Failed)]
    public void WeComMessagesNeedWeComMessagingButNoBinding(bool weComMessaging, LoginState expected)
    {
        var policy = TwoFactor with { SendMethod = SendMethod.WeCom };

        NextStage.Decide(policy, Agent with { Email = null }, false, weComMessaging).Next.Should().Be(expected);
    }

    [Theory]
    [InlineData(new[] { "2" }, new string[0], LoginState.Captcha)]
    [InlineData(new[] { "9" }, new string[0], LoginState.Issued)]
    [InlineData(new string[0], new[] { "ZhangSan" }, LoginState.Captcha)]
    [InlineData(new string[0], new[] { "lisi" }, LoginState.Issued)]
    public void ScopeDecidesWhoThePolicyAppliesTo(string[] departments, string[] profiles, LoginState expected)
    {
        var policy = TwoFactor with { Scope = new TwoFactorScope([], departments, profiles) };

        NextStage.Decide(policy, Agent, false, false).Next.Should().Be(expected);
    }

    [Fact]
    public void AdminWithoutTotpMustEnrolAfterLogin()
    {
        var admin = Agent with { Role = Roles.Admin };

        NextStage.Decide(new LoginPolicy(), admin, false, false).Should().Be(new StageDecision(LoginState.Issued, null, true));
        NextStage.Decide(new LoginPolicy { AdminRequiresOtp = false }, admin, false, false).EnrolOtpRequired.Should().BeFalse();
    }
}
