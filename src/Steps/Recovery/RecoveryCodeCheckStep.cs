using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Steps.Captcha;

namespace LoginOrchestrator.Steps.Recovery;

/// <summary>
/// The code sent to the account's verified contact. A flow for no account has no code: any answer is wrong, exactly
/// as a wrong answer for a real one, and a code's time is the flow's ticket's, the same for both.
/// </summary>
public sealed class RecoveryCodeCheckStep(CaptchaCodes codes, IUserAccounts accounts) : RecoveryStep<CodeInput>
{
    public override RecoveryTrigger Action => RecoveryTrigger.SubmitCode;

    public override StepAction Describe() => new("submitCode", "code", [new("code", "code", true)]);

    protected override async Task<RecoveryOutcome> HandleAsync(RecoveryContext context, CodeInput input)
    {
        var flow = context.Flow;
        if (context.Now >= flow.Code!.ExpiresAt) return Expired(flow);
        switch (await codes.VerifyAsync(flow.Id, input.Code, context.CancellationToken))
        {
            case CaptchaVerdict.Accepted:
                return await accounts.FindActiveAsync(flow.ClaimedUserId!, context.CancellationToken) is { } user
                    ? new RecoveryOutcome.CodeProven(user)
                    : new RecoveryOutcome.AccountGone();
            case CaptchaVerdict.Expired:
                return Expired(flow);
            default:
                // Wrong, or no live code (none was sent, or wrong answers killed it): the same answer either way.
                return RecoveryOutcome.Reject(RecoveryTrigger.CodeRejected, FlowCodes.CodeInvalid);
        }
    }

    private static RecoveryOutcome Expired(RecoveryFlow flow)
    {
        flow.Message = FlowCodes.CodeExpired;
        return RecoveryOutcome.Refuse(FlowCodes.CodeExpired);
    }
}
