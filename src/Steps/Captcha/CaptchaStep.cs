using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Steps.Captcha;

/// <summary>The second factor by a code sent to a known contact, or to one being bound (bound only once its code came back).</summary>
public sealed class CaptchaStep(CaptchaCodes codes, IUserAccounts accounts) : LoginStep<CodeInput>
{
    public override LoginTrigger Action => LoginTrigger.SubmitCaptcha;

    public override StepAction Describe(StepView view) => new("submitCaptcha", "captcha", [new("code", "code", true), .. view.RememberDeviceField]);

    protected override async Task<StepOutcome> HandleAsync(StepContext context, CodeInput input)
    {
        var flow = context.Flow;
        var (verdict, sentTo) = await codes.CheckAsync(flow.Id, input.Code, context.CancellationToken);
        switch (verdict)
        {
            case CaptchaVerdict.Accepted:
                // Bound only now that a code sent to that very target came back; never in a degraded flow. A contact
                // already bound is proven by the same code (one an admin set is unproven until its first use).
                if (!flow.Degraded && flow.Captcha!.PendingBindTarget is { } target)
                    await accounts.BindContactAsync(flow.UserId!, flow.Captcha.Channel, target, context.CancellationToken);
                else if (!flow.Degraded && sentTo!.Channel is Channels.Email or Channels.Sms)
                    await accounts.ConfirmContactAsync(flow.UserId!, sentTo.Channel, sentTo.Target, context.CancellationToken);
                return new StepOutcome.SecondFactorPassed(LoginFactor.Captcha, LoginTrigger.CaptchaVerified, LoginTrigger.CaptchaRejected, input.RememberDevice);
            case CaptchaVerdict.Wrong:
                return StepOutcome.Reject(LoginTrigger.CaptchaRejected, FlowCodes.CodeInvalid);
            default:
                // Expired, used or killed by wrong answers: the flow stays in Captcha and offers a resend.
                flow.Message = FlowCodes.CodeExpired;
                return StepOutcome.Refuse(FlowCodes.CodeExpired);
        }
    }
}
