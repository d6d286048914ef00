using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Steps.Otp;

/// <summary>The second factor by TOTP (RFC 6238); a time step is accepted once per user, ever.</summary>
public sealed class TotpStep(IUserAccounts accounts, TotpVerifier totp, ILogger<TotpStep> logger) : LoginStep<CodeInput>
{
    public override LoginTrigger Action => LoginTrigger.SubmitOtp;

    public override StepAction Describe(StepView view) => new("submitOtp", "otp", [new("code", "code", true), .. view.RememberDeviceField]);

    protected override async Task<StepOutcome> HandleAsync(StepContext context, CodeInput input)
    {
        var userId = context.Flow.UserId!;
        // The user with the secret, in one read: a pass hands the user on, so issuing does not read them again.
        var account = await accounts.FindWithTotpSecretAsync(userId, context.CancellationToken);
        var verdict = account?.TotpSecret is not { } secret ? OtpVerdict.Rejected : await totp.VerifyAsync(userId, secret, input.Code, context.CancellationToken);
        if (verdict == OtpVerdict.Replayed)
            logger.LogWarning("Security event: replayed TOTP time step for user {UserId} in flow {FlowId}", userId, context.Flow.Id);
        return verdict == OtpVerdict.Accepted
            ? new StepOutcome.SecondFactorPassed(LoginFactor.Otp, LoginTrigger.OtpVerified, LoginTrigger.OtpRejected, input.RememberDevice, account!.User)
            : StepOutcome.Reject(LoginTrigger.OtpRejected, FlowCodes.CodeInvalid);
    }
}
