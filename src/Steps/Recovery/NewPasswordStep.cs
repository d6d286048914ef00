using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Steps.Passwords;

namespace LoginOrchestrator.Steps.Recovery;

/// <summary>The new password, under the same rules as a change on the account page; a rule it breaks is named, not counted.</summary>
public sealed class NewPasswordStep(IUserAccounts accounts, IPasswordHasher hasher) : RecoveryStep<NewPasswordInput>
{
    public override RecoveryTrigger Action => RecoveryTrigger.SubmitNewPassword;

    public override StepAction Describe() => new("submitNewPassword", "password", [new("password", "password", true)]);

    protected override async Task<RecoveryOutcome> HandleAsync(RecoveryContext context, NewPasswordInput input)
    {
        var userId = context.Flow.UserId!;
        if (PasswordRules.Check(input.Password, userId) is { } problem)
            return RecoveryOutcome.Refuse(FlowCodes.InvalidRequest, "password", problem);
        return await accounts.SetPasswordAsync(userId, hasher.Hash(input.Password), context.CancellationToken)
            ? new RecoveryOutcome.PasswordWritten()
            : new RecoveryOutcome.AccountGone();
    }
}
