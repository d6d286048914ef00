using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Steps.Recovery;

/// <summary>Another code to the same account (the machine has checked the cooldown and the flow's send budget).</summary>
public sealed class ResendRecoveryCodeStep : RecoveryStep<StepInput>
{
    public override RecoveryTrigger Action => RecoveryTrigger.ResendCode;

    public override StepAction Describe() => new("resendCode", "code/resend", []);

    protected override Task<RecoveryOutcome> HandleAsync(RecoveryContext context, StepInput input)
    {
        var flow = context.Flow;
        // An admin's recovery lives for hours, its codes as long; one the user started lives a code's lifetime.
        var expiresAt = flow.StartedBy is null ? context.Now.AddSeconds(context.Policy.CodeExpireSeconds) : flow.ExpiresAt;
        RecoveryEngine.RequestCode(context, flow.ClaimedUserId!, expiresAt);
        return Task.FromResult(RecoveryOutcome.CodeRequested);
    }
}
