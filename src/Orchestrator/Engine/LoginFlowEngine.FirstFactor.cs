using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Directory;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>The first factor: a local password (confirmed by WeCom when it is configured) or a WeCom OAuth code.</summary>
public sealed partial class LoginFlowEngine
{
    /// <param name="typedUserId">As typed: from here on only its canonical form is used, for the lookup, the lock and the audit.</param>
    public Task<FlowResult> SubmitPasswordAsync(
        string flowId, string typedUserId, string password, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, LoginTrigger.SubmitPassword, client, async request =>
        {
            var userId = UserIds.Canonical(typedUserId);
            request.Flow.ClaimedUserId = userId;
            // Credentials → WeComCheck or PasswordFallback; in PasswordFallback the answer is taken for checking.
            request.Machine.Fire(LoginTrigger.SubmitPassword);
            if (await RefuseIfLockedAsync(request, userId) is { } locked) return locked;
            if (request.Flow.State != LoginState.WeComCheck) return await CheckLocalPasswordAsync(request, userId, password);
            return UserIds.IsAllowed(userId)
                ? await CheckPasswordWithDirectoryAsync(request, userId, password)
                : await RefuseAsUnknownAsync(request, password);
        }, cancellationToken);

    public Task<FlowResult> SubmitWeComCodeAsync(
        string flowId, string code, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, LoginTrigger.SubmitWeComCode, client, async request =>
        {
            request.Machine.Fire(LoginTrigger.SubmitWeComCode);
            var answer = await steps.Directory.ExchangeOAuthCodeAsync(code, request.CancellationToken);
            switch (answer)
            {
                case DirectoryAnswer.Confirmed confirmed:
                    // WeCom's userid rule is ours; a member outside it is never provisioned.
                    if (!UserIds.IsAllowed(UserIds.Canonical(confirmed.User.UserId)))
                        return await RejectAsync(request, LoginTrigger.DirectoryRejected, FlowCodes.InvalidCredentials);
                    // A brand-new user is provisioned only from an OAuth code, with the directory's profile.
                    var account = await stores.Accounts.SyncFromDirectoryAsync(confirmed.User, request.CancellationToken)
                        ?? await stores.Accounts.ProvisionAsync(confirmed.User, request.CancellationToken);
                    if (account.User.Disabled)
                        return await RejectAsync(request, LoginTrigger.DirectoryRejected, FlowCodes.InvalidCredentials);
                    return await FirstFactorPassedAsync(request, account.User, LoginFactor.WeCom, viaDirectory: true);
                case DirectoryAnswer.Unavailable unavailable:
                    return DirectoryDown(request, unavailable);
                case DirectoryAnswer.Rejected rejected:
                    await RevokeIfGoneAsync(request, rejected, fallbackUserId: null);
                    return await RejectAsync(request, LoginTrigger.DirectoryRejected, FlowCodes.InvalidCredentials);
                default:
                    throw new InvalidOperationException($"Unknown directory answer {answer}.");
            }
        }, cancellationToken);

    /// <summary>WeComCheck with a held password: the directory vouches for the user, the local hash for the password.</summary>
    private async Task<FlowResult> CheckPasswordWithDirectoryAsync(FlowRequest request, string userId, string password)
    {
        var answer = await steps.Directory.LookupAsync(userId, request.CancellationToken);
        switch (answer)
        {
            case DirectoryAnswer.Unavailable unavailable:
                var result = DirectoryDown(request, unavailable);
                // Fallback enabled: PasswordFallback (degraded) checks the held password at once.
                return request.Flow.State == LoginState.PasswordFallback
                    ? await CheckLocalPasswordAsync(request, userId, password)
                    : result;
            case DirectoryAnswer.Confirmed confirmed:
                var account = await stores.Accounts.FindAsync(userId, request.CancellationToken);
                // The directory vouches for the member now, whatever it said before.
                var enabled = account is { User.Disabled: false } ? account : null;
                if (!await steps.Passwords.VerifyAsync(password, enabled?.PasswordHash, request.CancellationToken))
                    return await RejectAsync(request, LoginTrigger.PasswordRejected, FlowCodes.InvalidCredentials);
                account = await stores.Accounts.SyncFromDirectoryAsync(confirmed.User, request.CancellationToken) ?? account;
                return await FirstFactorPassedAsync(request, account!.User, LoginFactor.Password, viaDirectory: true);
            case DirectoryAnswer.Rejected rejected:
                await RevokeIfGoneAsync(request, rejected, fallbackUserId: userId);
                return await RefuseAsUnknownAsync(request, password);
            default:
                throw new InvalidOperationException($"Unknown directory answer {answer}.");
        }
    }

    /// <summary>Unknown or disabled in WeCom, or no id an account can have: the same cost and answer as a wrong password.</summary>
    private async Task<FlowResult> RefuseAsUnknownAsync(FlowRequest request, string password)
    {
        await steps.Passwords.VerifyAsync(password, hash: null, request.CancellationToken);
        return await RejectAsync(request, LoginTrigger.DirectoryRejected, FlowCodes.InvalidCredentials);
    }

    /// <summary>
    /// PasswordFallback: only a registered, enabled user's local password passes, and not one the directory last called
    /// departed; everyone else gets one answer.
    /// </summary>
    private async Task<FlowResult> CheckLocalPasswordAsync(FlowRequest request, string userId, string password)
    {
        var account = await stores.Accounts.FindAsync(userId, request.CancellationToken);
        if (!await steps.Passwords.VerifyAsync(password, Usable(account)?.PasswordHash, request.CancellationToken))
            return await RejectAsync(request, LoginTrigger.PasswordRejected, FlowCodes.InvalidCredentials);
        return await FirstFactorPassedAsync(request, account!.User, LoginFactor.Password, viaDirectory: false);
    }

    /// <summary>WeCom could not answer: PasswordFallback when allowed, else back to Credentials with no attempt counted.</summary>
    private FlowResult DirectoryDown(FlowRequest request, DirectoryAnswer.Unavailable unavailable)
    {
        logger.LogWarning("WeCom directory unavailable for flow {FlowId}: {Reason}", request.Flow.Id, unavailable.Reason);
        request.Machine.Fire(LoginTrigger.DirectoryUnavailable);
        request.Flow.Message = FlowCodes.WeComUnavailable;
        return request.Flow.State == LoginState.PasswordFallback
            ? Answer(request)
            : Problem(request, FlowCodes.WeComUnavailable);
    }

    /// <summary>The first factor passed: the next-stage policy picks what comes next.</summary>
    private async Task<FlowResult> FirstFactorPassedAsync(FlowRequest request, LoginUser user, LoginFactor factor, bool viaDirectory)
    {
        var flow = request.Flow;
        // A password was checked against the lock before it was verified; an OAuth code names its user only now.
        if (factor == LoginFactor.WeCom && await RefuseIfLockedAsync(request, user.UserId) is { } locked) return locked;
        if (factor == LoginFactor.Password) await ResetFailuresAsync(request, user.UserId, FailureKind.Password);
        flow.UserId = user.UserId;
        flow.UserName = user.Name;
        flow.Factors.Add(factor);
        flow.Message = flow.Degraded ? FlowCodes.WeComUnavailable : null;

        // WeCom app messages need WeCom up: not in a degraded flow.
        var decision = NextStage.Decide(request.Policy, user, flow.Degraded, weComMessaging: steps.Directory.IsConfigured && !flow.Degraded);
        flow.EnrolOtpRequired = decision.EnrolOtpRequired;
        flow.Reasons = decision.Reason is { } reason ? [reason] : [];
        if (viaDirectory) request.Machine.ConfirmDirectory(decision);
        else request.Machine.VerifyPassword(decision);

        return flow.State switch
        {
            LoginState.Captcha => await SendFirstCodeAsync(request, user),
            LoginState.Issued => await IssueAsync(request, user),
            LoginState.Failed => await FailAsync(request, FlowCodes.SecondFactorUnavailable),
            _ => Answer(request),
        };
    }

    private async Task<FlowResult> FailAsync(FlowRequest request, string reason)
    {
        request.Flow.Message = reason;
        await EndAsync(request, reason);
        return Answer(request);
    }

    /// <summary>
    /// A member WeCom reports disabled, departed or unknown keeps no session anywhere, and the verdict stays on the account
    /// so the local password does not let them in while WeCom is down.
    /// </summary>
    private async Task RevokeIfGoneAsync(FlowRequest request, DirectoryAnswer.Rejected rejected, string? fallbackUserId)
    {
        if (!rejected.Departed || (rejected.UserId ?? fallbackUserId) is not { } userId) return;
        await stores.Accounts.MarkDepartedAsync(userId, request.CancellationToken);
        var revoked = await stores.Revocation.RevokeAllAsync(userId, request.CancellationToken);
        if (revoked > 0) logger.LogWarning("Revoked {Count} sessions of {UserId}: WeCom reports the member disabled or departed", revoked, userId);
    }

    /// <summary>Without the directory: a disabled account, or one it last called departed, has no usable password.</summary>
    private static LoginAccount? Usable(LoginAccount? account) => account is { User: { Disabled: false, LeftDirectory: false } } ? account : null;
}
