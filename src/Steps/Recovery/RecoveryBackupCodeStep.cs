using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Steps.Recovery;

/// <summary>A one-time recovery code instead of TOTP (the authenticator is lost too): that code dies.</summary>
public sealed class RecoveryBackupCodeStep(IRecoveryCodes recoveryCodes) : RecoveryStep<CodeInput>
{
    public override RecoveryTrigger Action => RecoveryTrigger.SubmitRecoveryCode;

    public override StepAction Describe() => new("submitRecoveryCode", "recovery-code", [new("code", "text", true)]);

    protected override async Task<RecoveryOutcome> HandleAsync(RecoveryContext context, CodeInput input) =>
        await recoveryCodes.TryConsumeAsync(context.Flow.UserId!, input.Code, context.CancellationToken)
            ? new RecoveryOutcome.SecondFactorProven()
            : RecoveryOutcome.Reject(RecoveryTrigger.SecondFactorRejected, FlowCodes.CodeInvalid, countsAgainstUser: true);
}
