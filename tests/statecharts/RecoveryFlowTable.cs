using LoginOrchestrator.Orchestrator.Recovery;

namespace LoginOrchestrator.Statecharts.Tests;

/// <summary>The guard facts of one recovery case.</summary>
public sealed record RecoveryScenario(bool AttemptsLeft, ResendCase Resend, bool TotpEnabled)
{
    public override string ToString() => $"attemptsLeft={AttemptsLeft} resend={Resend} totp={TotpEnabled}";
}

/// <summary>
/// The recovery's transition table, written out independently of the machine (docs/flows/README.md): the destination
/// of (state, trigger) under a scenario, or null when the pair is refused.
/// </summary>
public static class RecoveryFlowTable
{
    public static RecoveryState? Expected(RecoveryState from, RecoveryTrigger trigger, RecoveryScenario s)
    {
        if (!from.IsTerminal())
        {
            if (trigger == RecoveryTrigger.TimedOut) return RecoveryState.Expired;
            if (trigger == RecoveryTrigger.AttemptsExhausted) return RecoveryState.Locked;
        }

        return (from, trigger) switch
        {
            (RecoveryState.Identify, RecoveryTrigger.SubmitIdentifier) => RecoveryState.Verify,

            (RecoveryState.Verify, RecoveryTrigger.ResendCode) => s.Resend == ResendCase.Allowed ? RecoveryState.Verify : null,
            (RecoveryState.Verify, RecoveryTrigger.SubmitCode) => RecoveryState.Verify,
            (RecoveryState.Verify, RecoveryTrigger.CodeVerified) => s.TotpEnabled ? RecoveryState.SecondFactor : RecoveryState.SetPassword,
            (RecoveryState.Verify, RecoveryTrigger.CodeRejected) => s.AttemptsLeft ? RecoveryState.Verify : null,
            (RecoveryState.Verify, RecoveryTrigger.AccountUnavailable) => RecoveryState.Failed,

            (RecoveryState.SecondFactor, RecoveryTrigger.SubmitOtp) => RecoveryState.SecondFactor,
            (RecoveryState.SecondFactor, RecoveryTrigger.SubmitRecoveryCode) => RecoveryState.SecondFactor,
            (RecoveryState.SecondFactor, RecoveryTrigger.SecondFactorVerified) => RecoveryState.SetPassword,
            (RecoveryState.SecondFactor, RecoveryTrigger.SecondFactorRejected) => s.AttemptsLeft ? RecoveryState.SecondFactor : null,
            (RecoveryState.SecondFactor, RecoveryTrigger.AccountUnavailable) => RecoveryState.Failed,

            (RecoveryState.SetPassword, RecoveryTrigger.SubmitNewPassword) => RecoveryState.SetPassword,
            (RecoveryState.SetPassword, RecoveryTrigger.PasswordSet) => RecoveryState.Done,
            (RecoveryState.SetPassword, RecoveryTrigger.AccountUnavailable) => RecoveryState.Failed,

            _ => null,
        };
    }
}
