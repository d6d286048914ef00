using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Steps.Otp;

namespace LoginOrchestrator.Steps.Recovery;

/// <summary>An account with TOTP: a code of its authenticator, besides the contact's code (a mailbox alone does not recover it).</summary>
public sealed class RecoveryTotpStep(IUserAccounts accounts, TotpVerifier totp) : RecoveryStep<CodeInput>
{
    public override RecoveryTrigger Action => RecoveryTrigger.SubmitOtp;

    public override StepAction Describe() => new("submitOtp", "otp", [new("code", "code", true)]);

    protected override async Task<RecoveryOutcome> HandleAsync(RecoveryContext context, CodeInput input)
    {
        var userId = context.Flow.UserId!;
        var secret = await accounts.GetTotpSecretAsync(userId, context.CancellationToken);
        return secret is not null && await totp.VerifyAsync(userId, secret, input.Code, context.CancellationToken) == OtpVerdict.Accepted
            ? new RecoveryOutcome.SecondFactorProven()
            : RecoveryOutcome.Reject(RecoveryTrigger.SecondFactorRejected, FlowCodes.CodeInvalid, countsAgainstUser: true);
    }
}
