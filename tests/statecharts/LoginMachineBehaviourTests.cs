using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Statecharts.Tests;

/// <summary>The table's side conditions that a destination alone does not show.</summary>
public sealed class LoginMachineBehaviourTests
{
    private static readonly Scenario WeComUp = new(true, true, true, ResendCase.Allowed, true, LoginState.Captcha);

    [Fact]
    public void DirectoryUnavailableWithFallbackMakesTheFlowDegraded()
    {
        var (flow, machine) = MachineHarness.Build(LoginState.WeComCheck, WeComUp);

        machine.Fire(LoginTrigger.DirectoryUnavailable);

        flow.State.Should().Be(LoginState.PasswordFallback);
        flow.Degraded.Should().BeTrue();
    }

    [Fact]
    public void PasswordFallbackWithoutWeComIsNotDegraded()
    {
        var (flow, machine) = MachineHarness.Build(LoginState.Credentials, WeComUp with { WeComConfigured = false });

        machine.Fire(LoginTrigger.SubmitPassword);

        flow.State.Should().Be(LoginState.PasswordFallback);
        flow.Degraded.Should().BeFalse();
    }

    [Fact]
    public void DirectoryUnavailableWithFallbackDisabledReturnsToCredentialsUndegraded()
    {
        var (flow, machine) = MachineHarness.Build(LoginState.WeComCheck, WeComUp with { FallbackEnabled = false });

        machine.Fire(LoginTrigger.DirectoryUnavailable);

        flow.State.Should().Be(LoginState.Credentials);
        flow.Degraded.Should().BeFalse();
    }

    [Theory]
    [InlineData(LoginState.Credentials, new[] { LoginTrigger.SubmitPassword, LoginTrigger.SubmitWeComCode })]
    [InlineData(LoginState.PasswordFallback, new[] { LoginTrigger.SubmitPassword })]
    [InlineData(LoginState.OtpChallenge, new[] { LoginTrigger.SubmitOtp, LoginTrigger.SubmitRecoveryCode })]
    [InlineData(LoginState.TwoFactorBind, new[] { LoginTrigger.SubmitBindTarget })]
    [InlineData(LoginState.Captcha, new[] { LoginTrigger.ResendCaptcha, LoginTrigger.SubmitCaptcha })]
    [InlineData(LoginState.WeComCheck, new LoginTrigger[0])]
    public void WaitingStatesOfferTheirActions(LoginState state, LoginTrigger[] actions)
    {
        MachineHarness.Build(state, WeComUp).Machine.OfferedActions.Should().BeEquivalentTo(actions);
    }

    [Fact]
    public void CredentialsWithoutWeComOffersOnlyThePassword()
    {
        var machine = MachineHarness.Build(LoginState.Credentials, WeComUp with { WeComConfigured = false }).Machine;

        machine.OfferedActions.Should().Equal(LoginTrigger.SubmitPassword);
    }

    [Fact]
    public void CredentialsOffersAPasskeyWhereAllowed()
    {
        var machine = MachineHarness.Build(LoginState.Credentials, WeComUp with { PasskeysAllowed = true }).Machine;

        machine.OfferedActions.Should().Equal(LoginTrigger.SubmitPassword, LoginTrigger.SubmitWeComCode, LoginTrigger.SubmitPasskey);
    }

    [Theory]
    [InlineData(true, true, new[] { LoginTrigger.SubmitOtp, LoginTrigger.SubmitRecoveryCode, LoginTrigger.SubmitPasskey })]
    [InlineData(false, true, new[] { LoginTrigger.SubmitPasskey })]
    [InlineData(true, false, new[] { LoginTrigger.SubmitOtp, LoginTrigger.SubmitRecoveryCode })]
    public void OtpChallengeOffersTheUsersSecondFactors(bool totp, bool passkey, LoginTrigger[] actions)
    {
        var scenario = WeComUp with { PasskeysAllowed = true, TotpEnrolled = totp, PasskeyRegistered = passkey };

        MachineHarness.Build(LoginState.OtpChallenge, scenario).Machine.OfferedActions.Should().Equal(actions);
    }

    [Fact]
    public void PasskeysTurnedOffAreNotOfferedEvenToAUserWhoHasOne()
    {
        var scenario = WeComUp with { PasskeysAllowed = false, PasskeyRegistered = true };

        MachineHarness.Build(LoginState.OtpChallenge, scenario).Machine.OfferedActions.Should().NotContain(LoginTrigger.SubmitPasskey);
        MachineHarness.Build(LoginState.Credentials, scenario).Machine.OfferedActions.Should().NotContain(LoginTrigger.SubmitPasskey);
    }

    [Fact]
    public void ResendIsNotOfferedDuringTheCooldown()
    {
        var machine = MachineHarness.Build(LoginState.Captcha, WeComUp with { Resend = ResendCase.InCooldown }).Machine;

        machine.OfferedActions.Should().Equal(LoginTrigger.SubmitCaptcha);
    }
}
