using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>
/// The first factor by WeCom OAuth: a code WeCom handed the browser names a member. A brand-new member is provisioned
/// here only, with the directory's profile. The code names its user only once exchanged, so the frame checks the lock then.
/// </summary>
public sealed class WeComOAuthStep(
    IUserDirectory directory, IUserAccounts accounts, DepartedMembers departed, WeComAuthorizeUrl authorizeUrl, ILogger<WeComOAuthStep> logger)
    : LoginStep<CodeInput>
{
    public override LoginTrigger Action => LoginTrigger.SubmitWeComCode;

    public override StepAction Describe(StepView view) =>
        new("submitWeComCode", "wecom", [new("code", "text", true)], authorizeUrl.For(view.FlowId));

    protected override string? SubjectOf(StepContext context, CodeInput input) => null;

    protected override async Task<StepOutcome> HandleAsync(StepContext context, CodeInput input)
    {
        var answer = await directory.ExchangeOAuthCodeAsync(input.Code, context.CancellationToken);
        switch (answer)
        {
            case DirectoryAnswer.Confirmed confirmed:
                // WeCom's userid rule is ours; a member outside it is never provisioned.
                if (!UserIds.IsAllowed(UserIds.Canonical(confirmed.User.UserId)))
                    return StepOutcome.Reject(LoginTrigger.DirectoryRejected, FlowCodes.InvalidCredentials);
                var account = await accounts.SyncFromDirectoryAsync(confirmed.User, context.CancellationToken)
                    ?? await accounts.ProvisionAsync(confirmed.User, context.CancellationToken);
                return account.User.Disabled
                    ? StepOutcome.Reject(LoginTrigger.DirectoryRejected, FlowCodes.InvalidCredentials)
                    : new StepOutcome.FirstFactorPassed(account.User, LoginFactor.WeCom, ViaDirectory: true);
            case DirectoryAnswer.Unavailable unavailable:
                return DirectoryOutage.Enter(context, unavailable, logger);
            case DirectoryAnswer.Rejected rejected:
                await departed.RevokeIfGoneAsync(rejected, fallbackUserId: null, context.CancellationToken);
                return StepOutcome.Reject(LoginTrigger.DirectoryRejected, FlowCodes.InvalidCredentials);
            default:
                throw new InvalidOperationException($"Unknown directory answer {answer}.");
        }
    }
}
