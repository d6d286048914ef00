namespace LoginOrchestrator.Orchestrator.Recovery;

/// <summary>External triggers are one REST action each; internal ones are fired by the steps' verdicts.</summary>
public enum RecoveryTrigger
{
    // External
    SubmitIdentifier,
    ResendCode,
    SubmitCode,
    SubmitOtp,
    SubmitRecoveryCode,
    SubmitNewPassword,

    // Internal
    CodeVerified,
    CodeRejected,
    SecondFactorVerified,
    SecondFactorRejected,
    PasswordSet,
    AccountUnavailable,
    AttemptsExhausted,
    TimedOut,
}

public static class RecoveryTriggers
{
    public static IReadOnlyList<RecoveryTrigger> External { get; } =
    [
        RecoveryTrigger.SubmitIdentifier, RecoveryTrigger.ResendCode, RecoveryTrigger.SubmitCode,
        RecoveryTrigger.SubmitOtp, RecoveryTrigger.SubmitRecoveryCode, RecoveryTrigger.SubmitNewPassword,
    ];

    public static bool IsExternal(this RecoveryTrigger trigger) => External.Contains(trigger);
}
