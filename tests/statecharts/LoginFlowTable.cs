using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Statecharts.Tests;

/// <summary>The guard facts one test case sets.</summary>
public sealed record Scenario(
    bool WeComConfigured,
    bool FallbackEnabled,
    bool AttemptsLeft,
    ResendCase Resend,
    bool ValidBindTarget,
    LoginState NextStage,
    bool PasskeysAllowed = false,
    bool TotpEnrolled = true,
    bool PasskeyRegistered = false)
{
    public override string ToString() =>
        $"wecom={WeComConfigured} fallback={FallbackEnabled} attemptsLeft={AttemptsLeft} resend={Resend} validTarget={ValidBindTarget} next={NextStage} " +
        $"passkeysAllowed={PasskeysAllowed} totp={TotpEnrolled} passkey={PasskeyRegistered}";
}

public enum ResendCase { Allowed, InCooldown, SendsUsedUp }

/// <summary>
/// login-flow.md's transition table, written out independently of the machine:
/// the destination of (state, trigger) under a scenario, or null when the pair is refused.
/// </summary>
public static class LoginFlowTable
{
    public static LoginState? Expected(LoginState from, LoginTrigger trigger, Scenario s)
    {
        if (!from.IsTerminal())
        {
            if (trigger == LoginTrigger.TimedOut) return LoginState.Expired;
            if (trigger == LoginTrigger.AttemptsExhausted) return LoginState.Locked;
        }

        return (from, trigger) switch
        {
            (LoginState.Credentials, LoginTrigger.SubmitPassword) => s.WeComConfigured ? LoginState.WeComCheck : LoginState.PasswordFallback,
            (LoginState.Credentials, LoginTrigger.SubmitWeComCode) => s.WeComConfigured ? LoginState.WeComCheck : null,
            // Passwordless: a passkey with user verification, checked while the flow waits in Credentials.
            (LoginState.Credentials, LoginTrigger.SubmitPasskey) => s.PasskeysAllowed ? LoginState.Credentials : null,
            (LoginState.Credentials, LoginTrigger.PasskeyVerified) => LoginState.Issued,
            (LoginState.Credentials, LoginTrigger.PasskeyRejected) => s.AttemptsLeft ? LoginState.Credentials : null,

            (LoginState.WeComCheck, LoginTrigger.DirectoryConfirmed) => s.NextStage,
            (LoginState.WeComCheck, LoginTrigger.PasswordRejected) => s.AttemptsLeft ? LoginState.Credentials : null,
            (LoginState.WeComCheck, LoginTrigger.DirectoryRejected) => s.AttemptsLeft ? LoginState.Credentials : null,
            (LoginState.WeComCheck, LoginTrigger.DirectoryUnavailable) => s.FallbackEnabled ? LoginState.PasswordFallback : LoginState.Credentials,

            // An answer submitted in a waiting state is taken for checking: the state holds until the verdict.
            (LoginState.PasswordFallback, LoginTrigger.SubmitPassword) => LoginState.PasswordFallback,
            (LoginState.PasswordFallback, LoginTrigger.PasswordVerified) => s.NextStage,
            (LoginState.PasswordFallback, LoginTrigger.PasswordRejected) => s.AttemptsLeft ? LoginState.PasswordFallback : null,

            (LoginState.OtpChallenge, LoginTrigger.SubmitOtp) => s.TotpEnrolled ? LoginState.OtpChallenge : null,
            (LoginState.OtpChallenge, LoginTrigger.SubmitRecoveryCode) => s.TotpEnrolled ? LoginState.OtpChallenge : null,
            (LoginState.OtpChallenge, LoginTrigger.OtpVerified) => LoginState.Issued,
            (LoginState.OtpChallenge, LoginTrigger.OtpRejected) => s.AttemptsLeft ? LoginState.OtpChallenge : null,
            (LoginState.OtpChallenge, LoginTrigger.SubmitPasskey) => s.PasskeysAllowed && s.PasskeyRegistered ? LoginState.OtpChallenge : null,
            (LoginState.OtpChallenge, LoginTrigger.PasskeyVerified) => LoginState.Issued,
            (LoginState.OtpChallenge, LoginTrigger.PasskeyRejected) => s.AttemptsLeft ? LoginState.OtpChallenge : null,

            (LoginState.TwoFactorBind, LoginTrigger.SubmitBindTarget) => s.ValidBindTarget ? LoginState.Captcha : null,

            (LoginState.Captcha, LoginTrigger.ResendCaptcha) => s.Resend == ResendCase.Allowed ? LoginState.Captcha : null,
            (LoginState.Captcha, LoginTrigger.SubmitCaptcha) => LoginState.Captcha,
            (LoginState.Captcha, LoginTrigger.CaptchaVerified) => LoginState.Issued,
            (LoginState.Captcha, LoginTrigger.CaptchaRejected) => s.AttemptsLeft ? LoginState.Captcha : null,

            _ => null,
        };
    }
}
