using System.Buffers.Text;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Steps.Passkeys;

/// <summary>
/// A passkey (WebAuthn assertion, user verification required): in <c>OtpChallenge</c> the second factor, one of the
/// user's passkeys; in <c>Credentials</c> both factors at once, any registered passkey, its user found by it. The
/// challenge is the flow's (<see cref="PasskeyChallenges"/>); Fido2 checks origin, relying party, flags, signature and
/// counter. A counter that did not move on is a cloned authenticator's sign: refused and logged.
/// </summary>
public sealed class PasskeyStep(
    IFido2 fido2, PasskeyChallenges challenges, IPasskeys passkeys, IUserAccounts accounts, IOptions<PasskeyOptions> options,
    TimeProvider time, ILogger<PasskeyStep> logger) : LoginStep<PasskeyInput>
{
    /// <summary>How long a browser may take over the ceremony (WebAuthn's timeout, ms).</summary>
    private const int CeremonyTimeoutMs = 120_000;

    public override LoginTrigger Action => LoginTrigger.SubmitPasskey;

    public override StepAction Describe(StepView view)
    {
        var secondFactor = view.Flow.State == LoginState.OtpChallenge;
        var request = new PasskeyRequest(PasskeyChallenges.Encode(challenges.ForLogin(view.Flow)), options.Value.RpId,
            secondFactor ? view.Flow.PasskeyIds : [], "required", CeremonyTimeoutMs);
        return new("submitPasskey", "passkey", [new("credential", "passkey", true), .. secondFactor ? view.RememberDeviceField : []], PublicKey: request);
    }

    protected override async Task<StepOutcome> HandleAsync(StepContext context, PasskeyInput input)
    {
        var flow = context.Flow;
        var secondFactor = flow.State == LoginState.OtpChallenge;
        var challenge = PasskeyChallenges.ChallengeIn(input.ClientDataJson);
        if (challenge is null || !challenges.IsForLogin(challenge, flow))
        {
            logger.LogInformation("A passkey answer in flow {FlowId} carried a challenge not made for it as it stands", flow.Id);
            return Rejected;
        }
        var credential = await passkeys.FindAsync(input.CredentialId, context.CancellationToken);
        var credentialId = Base64Url.EncodeToString(input.CredentialId);
        // A second factor must be one of the flow user's passkeys; passwordless, any user's, if that user may log in.
        if (credential is null || secondFactor && !flow.PasskeyIds.Contains(credentialId)) return Rejected;
        var user = await accounts.FindActiveAsync(credential.UserId, context.CancellationToken);
        // Never degraded for a member the directory said has left (the password path refuses them too).
        if (user is null || user.LeftDirectory) return Rejected;

        VerifyAssertionResult verified;
        try
        {
            verified = await fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = RawAssertion(input),
                OriginalOptions = new AssertionOptions
                {
                    Challenge = challenge,
                    RpId = options.Value.RpId,
                    AllowCredentials = secondFactor ? [.. flow.PasskeyIds.Select(id => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(id)))] : [],
                    UserVerification = UserVerificationRequirement.Required,
                    Timeout = CeremonyTimeoutMs,
                },
                StoredPublicKey = credential.PublicKey,
                StoredSignatureCounter = credential.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (owner, _) => Task.FromResult(owner.UserHandle.AsSpan().SequenceEqual(credential.UserHandle)),
            }, context.CancellationToken);
        }
        catch (Fido2VerificationException e) when (e.Code == Fido2ErrorCode.InvalidSignCount)
        {
            logger.LogWarning("Security event: passkey {Passkey} of user {UserId} answered with a sign count not above {Stored}: possibly a cloned authenticator; refused (flow {FlowId})",
                credential.Name, credential.UserId, credential.SignCount, flow.Id);
            return Rejected;
        }
        catch (Fido2VerificationException e)
        {
            logger.LogInformation("A passkey answer in flow {FlowId} was refused: {Reason}", flow.Id, e.Code);
            return Rejected;
        }

        // The counter moves from what was read to what was shown, or the answer lost a race with another use of it.
        if (!await passkeys.RecordUseAsync(credential.Id, credential.SignCount, verified.SignCount, time.GetUtcNow(), context.CancellationToken))
        {
            logger.LogWarning("Security event: passkey {Passkey} of user {UserId} was used twice at once; the later use refused (flow {FlowId})",
                credential.Name, credential.UserId, flow.Id);
            return Rejected;
        }
        var factor = verified.IsBackedUp ? LoginFactor.SyncedPasskey : LoginFactor.Passkey;
        return secondFactor
            ? new StepOutcome.SecondFactorPassed(factor, LoginTrigger.PasskeyVerified, LoginTrigger.PasskeyRejected, input.RememberDevice, user)
            : new StepOutcome.BothFactorsPassed(user, factor, LoginTrigger.PasskeyVerified);
    }

    private static StepOutcome Rejected => StepOutcome.Reject(LoginTrigger.PasskeyRejected, FlowCodes.InvalidCredentials);

    private static AuthenticatorAssertionRawResponse RawAssertion(PasskeyInput input) => new()
    {
        Id = Base64Url.EncodeToString(input.CredentialId),
        RawId = input.CredentialId,
        Type = PublicKeyCredentialType.PublicKey,
        ClientExtensionResults = new AuthenticationExtensionsClientOutputs(),
        Response = new AuthenticatorAssertionRawResponse.AssertionResponse
        {
            AuthenticatorData = input.AuthenticatorData,
            Signature = input.Signature,
            ClientDataJson = input.ClientDataJson,
            UserHandle = input.UserHandle,
        },
    };
}
