using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Steps.Otp;

/// <summary>The second factor by a recovery code, in place of TOTP: each code works once.</summary>
public sealed class RecoveryCodeStep(IRecoveryCodes recoveryCodes) : LoginStep<CodeInput>
{
    public override LoginTrigger Action => LoginTrigger.SubmitRecoveryCode;

    public override StepAction Describe(StepView view) => new("submitRecoveryCode", "recovery-code", [new("code", "text", true), .. view.RememberDeviceField]);

    protected override async Task<StepOutcome> HandleAsync(StepContext context, CodeInput input) =>
        await recoveryCodes.TryConsumeAsync(context.Flow.UserId!, input.Code, context.CancellationToken)
            ? new StepOutcome.SecondFactorPassed(LoginFactor.RecoveryCode, LoginTrigger.OtpVerified, LoginTrigger.OtpRejected, input.RememberDevice)
            : StepOutcome.Reject(LoginTrigger.OtpRejected, FlowCodes.CodeInvalid);
}
