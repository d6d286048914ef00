namespace LoginOrchestrator.Orchestrator.Machine;

/// <summary>The triggers of login-flow.md: external ones are one REST action each, internal ones are fired by steps.</summary>
public enum LoginTrigger
{
    // External
    SubmitPassword,
    SubmitWeComCode,
    SubmitOtp,
    SubmitRecoveryCode,
    SubmitBindTarget,
    ResendCaptcha,
    SubmitCaptcha,
    SubmitPasskey,

    // Internal
    DirectoryConfirmed,
    DirectoryRejected,
    DirectoryUnavailable,
    PasswordVerified,
    PasswordRejected,
    OtpVerified,
    OtpRejected,
    CaptchaVerified,
    CaptchaRejected,
    PasskeyVerified,
    PasskeyRejected,
    AttemptsExhausted,
    TimedOut,
}

public static class LoginTriggers
{
    public static IReadOnlyList<LoginTrigger> External { get; } =
    [
        LoginTrigger.SubmitPassword, LoginTrigger.SubmitWeComCode, LoginTrigger.SubmitOtp,
        LoginTrigger.SubmitRecoveryCode, LoginTrigger.SubmitBindTarget, LoginTrigger.ResendCaptcha,
        LoginTrigger.SubmitCaptcha, LoginTrigger.SubmitPasskey,
    ];

    public static bool IsExternal(this LoginTrigger trigger) => External.Contains(trigger);
}
