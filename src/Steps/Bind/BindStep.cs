using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Steps.Bind;

public sealed record BindInput(string Channel, string Target) : StepInput;

/// <summary>
/// TwoFactorBind: a user with no contact for the send method names one, and a code goes there; it is bound only once
/// that code comes back (the captcha step). Never offered in a degraded flow (the machine's table).
/// </summary>
public sealed class BindStep(IUserAccounts accounts, ICaptchaSender sender) : LoginStep<BindInput>
{
    public override LoginTrigger Action => LoginTrigger.SubmitBindTarget;

    public override StepAction Describe(StepView view)
    {
        var sms = view.Policy.SendMethod == SendMethod.Sms;
        return new("submitBindTarget", "bind",
            [new("channel", "choice", true, [sms ? Channels.Sms : Channels.Email]), new("target", sms ? "tel" : "email", true)]);
    }

    protected override string? SubjectOf(StepContext context, BindInput input) => null;

    protected override async Task<StepOutcome> HandleAsync(StepContext context, BindInput input)
    {
        var bind = BindTarget.Of(input.Channel, input.Target);
        // Codes go where the policy sends them: a contact of another channel would never be used.
        if (input.Channel != Channels.Of(context.Policy.SendMethod)) return StepOutcome.Refuse(FlowCodes.InvalidRequest, field: "channel");
        if (!bind.IsValid) return StepOutcome.Refuse(FlowCodes.InvalidRequest, field: "target");

        var user = await accounts.FindActiveAsync(context.Flow.UserId!, context.CancellationToken);
        if (user is null) return StepOutcome.Reject(LoginTrigger.CaptchaRejected, FlowCodes.InvalidCredentials);
        // One contact, one active user (unless the setting shares them); the answer says not whose it is.
        if (!context.Policy.SharedContactsAllowed
            && await accounts.IsContactTakenAsync(user.UserId, bind.Channel, bind.Target, context.CancellationToken))
            return StepOutcome.Refuse(FlowCodes.TargetUnavailable, field: "target");
        context.Machine.Bind(bind);
        var sent = await sender.SendAsync(context, user, bind.Channel, bind.Target, pendingBind: true);
        return sent.Allowed ? StepOutcome.Answered : new StepOutcome.SendLimited(sent.RetryAfter);
    }
}
