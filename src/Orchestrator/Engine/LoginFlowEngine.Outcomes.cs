using System.Buffers.Text;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>Carrying out what a step found: what is the same for every factor (Kratos' flow handler after a strategy).</summary>
public sealed partial class LoginFlowEngine
{
    /// <param name="lockChecked">The step named its user up front and the frame checked the lock then.</param>
    private async Task<FlowResult> CarryOutAsync(StepContext context, StepOutcome outcome, bool lockChecked) => outcome switch
    {
        StepOutcome.Answer => Answer(context),
        StepOutcome.Refused refused => Problem(context, refused.Code, field: refused.Field),
        StepOutcome.Rejected rejected => await RejectAsync(context, rejected.Rejection, rejected.Code),
        StepOutcome.SendLimited limited => SendLimited(limited.RetryAfter),
        StepOutcome.FirstFactorPassed passed => await FirstFactorPassedAsync(context, passed, lockChecked),
        StepOutcome.SecondFactorPassed passed => await SecondFactorPassedAsync(context, passed),
        StepOutcome.BothFactorsPassed passed => await BothFactorsPassedAsync(context, passed),
        _ => throw new InvalidOperationException($"Unknown step outcome {outcome}."),
    };

    /// <summary>A wrong answer: counted, and the flow locks when it was the last one allowed.</summary>
    private async Task<FlowResult> RejectAsync(StepContext context, LoginTrigger rejection, string code)
    {
        var flow = context.Flow;
        flow.RecordFailure();
        flow.Message = code;
        if (await CountFailureAsync(context, rejection) is { } accountWait)
            return LockFlow(context, accountWait, reason: code);
        if (flow.AttemptsRemaining > 0)
        {
            context.Machine.Fire(rejection);
            return Problem(context, code);
        }
        context.Machine.Fire(LoginTrigger.AttemptsExhausted);
        flow.Message = FlowCodes.Locked;
        End(context, reason: code);
        return Problem(context, FlowCodes.Locked);
    }

    /// <summary>The first factor passed: the next-stage policy picks what comes next.</summary>
    private async Task<FlowResult> FirstFactorPassedAsync(StepContext context, StepOutcome.FirstFactorPassed passed, bool lockChecked)
    {
        var (flow, user) = (context.Flow, passed.User);
        // An answer that named its user was checked against the lock before it was verified (and its success clears the
        // password failures); an OAuth code names its user only now.
        if (lockChecked) context.Writes.Add(cancellationToken => ports.Lockout.ResetAsync(user.UserId, FailureKind.Password, cancellationToken));
        else if (await LockedAnswerAsync(context, user.UserId) is { } locked) return locked;
        flow.UserId = user.UserId;
        flow.UserName = user.Name;
        flow.Factors.Add(passed.Factor);
        flow.Message = flow.Degraded ? FlowCodes.WeComUnavailable : null;

        // The user's passkeys, where allowed: asked for in OtpChallenge (beside TOTP, or alone).
        var passkeys = context.Policy.PasskeysAllowed ? await ports.Passkeys.ListAsync(user.UserId, context.CancellationToken) : [];
        // WeCom app messages need WeCom up: not in a degraded flow.
        var decision = NextStage.Decide(context.Policy, user, flow.Degraded, weComMessaging: ports.Directory.IsConfigured && !flow.Degraded, passkeys.Count > 0);
        if (decision.Next is LoginState.OtpChallenge or LoginState.Captcha or LoginState.TwoFactorBind && await IsRememberedAsync(context, user))
        {
            decision = decision with { Next = LoginState.Issued, Reason = StageReason.RememberedDevice };
            flow.Factors.Add(LoginFactor.RememberedDevice);
        }
        if (decision.Next == LoginState.OtpChallenge)
        {
            flow.PasskeyIds = [.. passkeys.Select(p => Base64Url.EncodeToString(p.Id))];
            flow.PasskeyOnly = !user.TotpEnabled;
        }
        flow.EnrolOtpRequired = decision.EnrolOtpRequired;
        flow.RegisterPasskeyRequired = user.IsAdmin && context.Policy.PasskeysAllowed && context.Policy.AdminRequiresPasskey && passkeys.Count == 0;
        flow.Reasons = decision.Reason is { } reason ? [reason] : [];
        if (passed.ViaDirectory) context.Machine.ConfirmDirectory(decision);
        else context.Machine.VerifyPassword(decision);

        return flow.State switch
        {
            LoginState.Captcha => await SendFirstCodeAsync(context, user),
            LoginState.Issued => await IssueAsync(context, user, rememberDevice: false),
            LoginState.Failed => Fail(context, FlowCodes.SecondFactorUnavailable),
            _ => Answer(context),
        };
    }

    private async Task<FlowResult> SecondFactorPassedAsync(StepContext context, StepOutcome.SecondFactorPassed passed)
    {
        // Disabled or removed while the flow was open: answered like a wrong credential.
        var found = passed.User is { } read ? (read.Disabled ? null : read) : await ports.Accounts.FindActiveAsync(context.Flow.UserId!, context.CancellationToken);
        if (found is not { } user)
            return await RejectAsync(context, passed.Rejection, FlowCodes.InvalidCredentials);
        context.Writes.Add(cancellationToken => ports.Lockout.ResetAsync(user.UserId, FailureKind.SecondFactor, cancellationToken));
        context.Flow.Factors.Add(passed.Factor);
        context.Machine.Fire(passed.Verified);
        return await IssueAsync(context, user, passed.RememberDevice);
    }

    /// <summary>A passwordless login: the step found the user; their lock is checked now, as for an OAuth code.</summary>
    private async Task<FlowResult> BothFactorsPassedAsync(StepContext context, StepOutcome.BothFactorsPassed passed)
    {
        var (flow, user) = (context.Flow, passed.User);
        if (await LockedAnswerAsync(context, user.UserId) is { } locked) return locked;
        context.Writes.Add(cancellationToken => ports.Lockout.ResetAsync(user.UserId, FailureKind.SecondFactor, cancellationToken));
        flow.UserId = user.UserId;
        flow.UserName = user.Name;
        flow.Factors.Add(passed.Factor);
        context.Machine.Fire(passed.Verified);
        return await IssueAsync(context, user, rememberDevice: false);
    }

    /// <summary>A device remembered after this user's second factor, under their current epoch; never in a degraded flow.</summary>
    private async Task<bool> IsRememberedAsync(StepContext context, LoginUser user) =>
        !context.Flow.Degraded && context.Policy.RememberDeviceDays > 0 && context.Client.RememberedDevice is { Length: > 0 } token
        && await ports.Devices.IsRememberedAsync(token, user.UserId, user.SessionEpoch, context.CancellationToken);

    /// <summary>NextStage chose Captcha only because the user has a target for the send method.</summary>
    private async Task<FlowResult> SendFirstCodeAsync(StepContext context, LoginUser user)
    {
        var method = context.Policy.SendMethod;
        var sent = await ports.Captchas.SendAsync(context, user, Channels.Of(method), NextStage.TargetFor(method, user)!, pendingBind: false);
        return sent.Allowed ? Answer(context) : SendLimited(sent.RetryAfter);
    }

    /// <param name="rememberDevice">The user asked, with their second factor, that this device skip it from now on.</param>
    private async Task<FlowResult> IssueAsync(StepContext context, LoginUser user, bool rememberDevice)
    {
        var flow = context.Flow;
        flow.Message = null;
        // How the code of a Captcha factor came (an app's `amr` tells email from SMS).
        var captchaChannel = flow.Factors.Contains(LoginFactor.Captcha) ? flow.Captcha?.Channel : null;
        flow.Captcha = null;
        // Past the request's deadline no session is made: its answer (the token) would never reach the client.
        context.CancellationToken.ThrowIfCancellationRequested();
        // Stored with the flow's save (FlowWrites): the token is answered only after both are written.
        var prepared = ports.Sessions.Prepare(new SessionGrant(
            user.UserId, user.Name, [user.Role], [.. flow.Factors], flow.Degraded,
            [.. flow.EnrolOtpRequired ? [RequiredActions.EnrolOtp] : Array.Empty<string>(), .. flow.RegisterPasskeyRequired ? [RequiredActions.RegisterPasskey] : Array.Empty<string>()],
            TimeSpan.FromSeconds(context.Policy.SessionAbsoluteLifetimeSeconds),
            TimeSpan.FromSeconds(context.Policy.SessionIdleTimeoutSeconds), user.SessionEpoch, captchaChannel, context.Client));
        context.Writes.Add(prepared.WriteAsync);
        var device = rememberDevice && context.Policy.RememberDeviceDays > 0 && !flow.Degraded
            ? await ports.Devices.RememberAsync(user.UserId, user.SessionEpoch, TimeSpan.FromDays(context.Policy.RememberDeviceDays), context.Client, context.CancellationToken)
            : null;
        // Asked before this login is audited: a user agent none of the user's earlier logins had.
        if (!flow.Factors.Contains(LoginFactor.RememberedDevice)
            && await ports.Devices.IsNewDeviceAsync(user.UserId, context.Client.UserAgent, context.CancellationToken))
            await ports.Notices.NotifyAsync(new AccountNotice(user.UserId, NoticeKind.NewDevice, context.Now,
                context.Client.IpAddress, context.Client.UserAgent), context.CancellationToken);
        End(context, reason: null);
        return Answer(context, prepared.Session, device);
    }

    private FlowResult Fail(StepContext context, string reason)
    {
        context.Flow.Message = reason;
        End(context, reason);
        return Answer(context);
    }

    private static FlowResult SendLimited(TimeSpan retryAfter) =>
        new(null, [], null, new FlowProblem(FlowCodes.RateLimited, (int)Math.Ceiling(retryAfter.TotalSeconds)), null) { Unsaved = true };

    /// <summary>Writes the terminal outcome to the login audit, once per flow.</summary>
    private void End(StepContext context, string? reason)
    {
        var flow = context.Flow;
        if (flow.Audited) return;
        // Written after the answer, from the outbox saved with the flow (Audited true travels in the same save).
        context.Writes.Leave(new OutboxMessage.AuditOutcome(new LoginAuditEntry(
            flow.Id, flow.UserId ?? flow.ClaimedUserId, flow.State, [.. flow.Factors], flow.Degraded, reason,
            context.Client.IpAddress, context.Client.UserAgent, context.Now)));
        flow.Audited = true;
        metrics.FlowEnded(flow.State, flow.Degraded);
        logger.LogInformation("Login flow {FlowId} ended {Outcome} (degraded: {Degraded})", flow.Id, flow.State, flow.Degraded);
    }
}
