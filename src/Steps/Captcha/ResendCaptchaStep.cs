using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Steps.Captcha;

/// <summary>A new code to the same target; the machine's guard holds the cooldown and the flow's send budget.</summary>
public sealed class ResendCaptchaStep(IUserAccounts accounts, ICaptchaSender sender) : LoginStep<StepInput>
{
    public override LoginTrigger Action => LoginTrigger.ResendCaptcha;

    public override StepAction Describe(StepView view) => new("resendCaptcha", "captcha/resend", []);

    protected override string? SubjectOf(StepContext context, StepInput input) => null;

    protected override async Task<StepOutcome> HandleAsync(StepContext context, StepInput input)
    {
        var ticket = context.Flow.Captcha!;
        var user = await accounts.FindActiveAsync(context.Flow.UserId!, context.CancellationToken);
        var target = ticket.PendingBindTarget ?? (user is null ? null : TargetOf(ticket.Channel, user));
        if (user is null || target is null) return StepOutcome.Refuse(FlowCodes.ActionNotAllowed);
        var sent = await sender.SendAsync(context, user, ticket.Channel, target, pendingBind: ticket.PendingBindTarget is not null);
        return sent.Allowed ? StepOutcome.Answered : new StepOutcome.SendLimited(sent.RetryAfter);
    }

    private static string? TargetOf(string channel, LoginUser user) => channel switch
    {
        Channels.Email => user.Email,
        Channels.Sms => user.Mobile,
        Channels.WeCom => user.UserId,
        _ => null,
    };
}
