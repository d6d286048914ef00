using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Steps.Recovery;

/// <summary>
/// Takes a user id and asks for a code, the same for every id: no account is looked up here (the code's job does that,
/// after the answer), so neither the answer nor its timing tells a real account from none.
/// </summary>
public sealed class IdentifyStep : RecoveryStep<IdentifierInput>
{
    public override RecoveryTrigger Action => RecoveryTrigger.SubmitIdentifier;

    public override StepAction Describe() => new("submitIdentifier", "identify", [new("userId", "text", true)]);

    protected override Task<RecoveryOutcome> HandleAsync(RecoveryContext context, IdentifierInput input)
    {
        RecoveryEngine.RequestCode(context, UserIds.Canonical(input.UserId), context.Now.AddSeconds(context.Policy.CodeExpireSeconds));
        return Task.FromResult(RecoveryOutcome.CodeRequested);
    }
}
