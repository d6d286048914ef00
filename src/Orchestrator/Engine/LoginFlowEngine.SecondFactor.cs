using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Captcha;
using LoginOrchestrator.Steps.Delivery;
using LoginOrchestrator.Steps.Otp;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>The second factor: TOTP or a recovery code, or a captcha sent to a known or newly bound contact.</summary>
public sealed partial class LoginFlowEngine
{
    public Task<FlowResult> SubmitOtpAsync(string flowId, string code, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, LoginTrigger.SubmitOtp, client, async request =>
        {
            request.Machine.Fire(LoginTrigger.SubmitOtp);
            if (await RefuseIfLockedAsync(request, request.Flow.UserId!) is { } locked) return locked;
            var userId = request.Flow.UserId!;
            var secret = await stores.Accounts.GetTotpSecretAsync(userId, request.CancellationToken);
            var verdict = secret is null
                ? OtpVerdict.Rejected
                : await steps.Totp.VerifyAsync(userId, secret, code, request.CancellationToken);
            if (verdict == OtpVerdict.Replayed)
                logger.LogWarning("Security event: replayed TOTP time step for user {UserId} in flow {FlowId}", userId, request.Flow.Id);
            return verdict == OtpVerdict.Accepted
                ? await SecondFactorPassedAsync(request, LoginFactor.Otp, LoginTrigger.OtpVerified)
                : await RejectAsync(request, LoginTrigger.OtpRejected, FlowCodes.CodeInvalid);
        }, cancellationToken);

    public Task<FlowResult> SubmitRecoveryCodeAsync(string flowId, string code, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, LoginTrigger.SubmitRecoveryCode, client, async request =>
        {
            request.Machine.Fire(LoginTrigger.SubmitRecoveryCode);
            if (await RefuseIfLockedAsync(request, request.Flow.UserId!) is { } locked) return locked;
            return await stores.RecoveryCodes.TryConsumeAsync(request.Flow.UserId!, code, request.CancellationToken)
                ? await SecondFactorPassedAsync(request, LoginFactor.RecoveryCode, LoginTrigger.OtpVerified)
                : await RejectAsync(request, LoginTrigger.OtpRejected, FlowCodes.CodeInvalid);
        }, cancellationToken);

    public Task<FlowResult> SubmitBindTargetAsync(
        string flowId, string channel, string target, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, LoginTrigger.SubmitBindTarget, client, async request =>
        {
            var bind = new BindTarget(channel, Normalize(channel, target));
            // Codes go where the policy sends them: a contact of another channel would never be used.
            if (channel != ChannelOf(request.Policy.SendMethod)) return Problem(request, FlowCodes.InvalidRequest, field: "channel");
            if (!bind.IsValid) return Problem(request, FlowCodes.InvalidRequest, field: "target");

            var user = await ActiveUserAsync(request);
            if (user is null) return await RejectAsync(request, LoginTrigger.CaptchaRejected, FlowCodes.InvalidCredentials);
            // One contact, one active user (unless the setting shares them); the answer says not whose it is.
            if (!request.Policy.SharedContactsAllowed
                && await stores.Accounts.IsContactTakenAsync(user.UserId, bind.Channel, bind.Target, request.CancellationToken))
                return Problem(request, FlowCodes.TargetUnavailable, field: "target");
            request.Machine.Bind(bind);
            await SendCodeAsync(request, user, bind.Channel, bind.Target, pendingBind: true);
            return Answer(request);
        }, cancellationToken);

    public Task<FlowResult> ResendCaptchaAsync(string flowId, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, LoginTrigger.ResendCaptcha, client, async request =>
        {
            var ticket = request.Flow.Captcha!;
            var user = await ActiveUserAsync(request);
            var target = ticket.PendingBindTarget ?? (user is null ? null : TargetOf(ticket.Channel, user));
            if (user is null || target is null) return Problem(request, FlowCodes.ActionNotAllowed);
            request.Machine.Fire(LoginTrigger.ResendCaptcha);
            await SendCodeAsync(request, user, ticket.Channel, target, pendingBind: ticket.PendingBindTarget is not null);
            return Answer(request);
        }, cancellationToken);

    public Task<FlowResult> SubmitCaptchaAsync(string flowId, string code, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, LoginTrigger.SubmitCaptcha, client, async request =>
        {
            request.Machine.Fire(LoginTrigger.SubmitCaptcha);
            if (await RefuseIfLockedAsync(request, request.Flow.UserId!) is { } locked) return locked;
            var verdict = await steps.Captchas.VerifyAsync(request.Flow.Id, code, request.CancellationToken);
            switch (verdict)
            {
                case CaptchaVerdict.Accepted:
                    var ticket = request.Flow.Captcha!;
                    // Bound only now that a code sent to that very target came back; never in a degraded flow.
                    if (ticket.PendingBindTarget is { } target && !request.Flow.Degraded)
                        await stores.Accounts.BindContactAsync(request.Flow.UserId!, ticket.Channel, target, request.CancellationToken);
                    return await SecondFactorPassedAsync(request, LoginFactor.Captcha, LoginTrigger.CaptchaVerified);
                case CaptchaVerdict.Wrong:
                    return await RejectAsync(request, LoginTrigger.CaptchaRejected, FlowCodes.CodeInvalid);
                default:
                    // Expired, used or killed by wrong answers: the flow stays in Captcha and offers a resend.
                    request.Flow.Message = FlowCodes.CodeExpired;
                    return Problem(request, FlowCodes.CodeExpired);
            }
        }, cancellationToken);

    private async Task<FlowResult> SecondFactorPassedAsync(FlowRequest request, LoginFactor factor, LoginTrigger verified)
    {
        var user = await ActiveUserAsync(request);
        if (user is null)
            // Disabled or removed while the flow was open: answered like a wrong credential.
            return await RejectAsync(request, verified == LoginTrigger.CaptchaVerified ? LoginTrigger.CaptchaRejected : LoginTrigger.OtpRejected, FlowCodes.InvalidCredentials);
        await ResetFailuresAsync(request, user.UserId, FailureKind.SecondFactor);
        request.Flow.Factors.Add(factor);
        request.Machine.Fire(verified);
        return await IssueAsync(request, user);
    }

    private async Task<FlowResult> IssueAsync(FlowRequest request, LoginUser user)
    {
        var flow = request.Flow;
        flow.Message = null;
        flow.Captcha = null;
        // Past the request's deadline no session is made: its answer (the token) would never reach the client.
        request.CancellationToken.ThrowIfCancellationRequested();
        var session = await stores.Sessions.IssueAsync(new SessionGrant(
            user.UserId, user.Name, [user.Role], [.. flow.Factors], flow.Degraded,
            flow.EnrolOtpRequired ? ["enrol_otp"] : [],
            TimeSpan.FromSeconds(request.Policy.SessionAbsoluteLifetimeSeconds),
            TimeSpan.FromSeconds(request.Policy.SessionIdleTimeoutSeconds), user.SessionEpoch), request.CancellationToken);
        await EndAsync(request, reason: null);
        return Answer(request, session);
    }

    private async Task<FlowResult> SendFirstCodeAsync(FlowRequest request, LoginUser user)
    {
        // NextStage chose Captcha only because the user has a target for the send method.
        var target = NextStage.TargetFor(request.Policy.SendMethod, user)!;
        await SendCodeAsync(request, user, ChannelOf(request.Policy.SendMethod), target, pendingBind: false);
        return Answer(request);
    }

    /// <summary>Issues a new code (the old one dies) and hands it to delivery; the flow keeps only the ticket.</summary>
    private async Task SendCodeAsync(FlowRequest request, LoginUser user, string channel, string target, bool pendingBind)
    {
        var flow = request.Flow;
        var allowance = await steps.SendLimiter.TryAcquireAsync(user.UserId, target, request.Client.IpAddress, request.CancellationToken);
        if (!allowance.Allowed) throw new SendLimitReachedException(allowance.RetryAfter);
        var lifetime = TimeSpan.FromSeconds(request.Policy.CodeExpireSeconds);
        var issued = await steps.Captchas.IssueAsync(flow.Id, channel, target, request.Policy.CodeLength, lifetime, request.CancellationToken);
        var deliveryId = await steps.Dispatcher.DispatchAsync(new CodeDispatch(
            flow.Id, channel, target, issued.Code, issued.ExpiresAt, pendingBind ? "bind" : "login",
            user.UserId, user.Name, request.Client.Language), request.CancellationToken);
        flow.Captcha = new CaptchaTicket
        {
            Channel = channel,
            MaskedTarget = ContactMask.Mask(channel, target),
            ExpiresAt = issued.ExpiresAt,
            ResendAvailableAt = request.Now + LoginPolicy.ResendCooldown,
            Sends = (flow.Captcha?.Sends ?? 0) + 1,
            DeliveryId = deliveryId,
            PendingBindTarget = pendingBind ? target : null,
        };
        flow.Message = FlowCodes.CodeSent;
    }

    private async Task<LoginUser?> ActiveUserAsync(FlowRequest request)
    {
        var account = await stores.Accounts.FindAsync(request.Flow.UserId!, request.CancellationToken);
        return account is { User.Disabled: false } ? account.User : null;
    }

    private static string ChannelOf(SendMethod method) => method switch
    {
        SendMethod.Sms => Channels.Sms,
        SendMethod.WeCom => Channels.WeCom,
        _ => Channels.Email,
    };

    private static string? TargetOf(string channel, LoginUser user) => channel switch
    {
        Channels.Email => user.Email,
        Channels.Sms => user.Mobile,
        Channels.WeCom => user.UserId,
        _ => null,
    };

    private static string Normalize(string channel, string target) =>
        channel == Channels.Email ? target.Trim().ToLowerInvariant() : target.Trim().Replace(" ", "").Replace("-", "");
}
