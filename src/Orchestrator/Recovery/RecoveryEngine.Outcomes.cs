using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Orchestrator.Recovery;

/// <summary>Carrying out what a recovery step found.</summary>
public sealed partial class RecoveryEngine
{
    private async Task<RecoveryResult> CarryOutAsync(RecoveryContext context, RecoveryOutcome outcome) => outcome switch
    {
        RecoveryOutcome.CodeQueued => Answer(context),
        RecoveryOutcome.Refused refused => Problem(context, refused.Code, field: refused.Field, detail: refused.Detail),
        RecoveryOutcome.Rejected rejected => await RejectAsync(context, rejected),
        RecoveryOutcome.CodeProven proven => CodeProven(context, proven),
        RecoveryOutcome.SecondFactorProven => await SecondFactorProvenAsync(context),
        RecoveryOutcome.PasswordWritten => await PasswordWrittenAsync(context),
        RecoveryOutcome.AccountGone => await AccountGoneAsync(context),
        _ => throw new InvalidOperationException($"Unknown recovery outcome {outcome}."),
    };

    private async Task<RecoveryResult> RejectAsync(RecoveryContext context, RecoveryOutcome.Rejected rejected)
    {
        var flow = context.Flow;
        flow.RecordFailure();
        flow.Message = rejected.Code;
        // A wrong TOTP or recovery code is the same guess here as in a login: it counts against the account.
        if (rejected.CountsAgainstUser && flow.UserId is { } userId
            && await ports.Lockout.RecordFailureAsync(userId, FailureKind.SecondFactor, context.Policy.Lockout, context.CancellationToken) is { } wait)
        {
            metrics.AccountLocked(nameof(FailureKind.SecondFactor));
            logger.LogWarning("Security event: account {UserId} locked for {Seconds} s after repeated wrong second factors in recovery {FlowId}",
                userId, (int)wait.TotalSeconds, flow.Id);
            await ports.Notices.NotifyAsync(new AccountNotice(userId, NoticeKind.AccountLocked, context.Now,
                context.Client.IpAddress, context.Client.UserAgent), context.CancellationToken);
            return await LockAsync(context, rejected.Code, SecondsUntil(context.Now, context.Now + wait));
        }
        if (flow.AttemptsRemaining > 0)
        {
            context.Machine.Fire(rejected.Rejection);
            return Problem(context, rejected.Code);
        }
        return await LockAsync(context, rejected.Code, retryAfter: null);
    }

    /// <summary>A second factor is asked of an account that is locked: refused before any check, the flow ends Locked.</summary>
    private async Task<RecoveryResult?> LockedAnswerAsync(RecoveryContext context, RecoveryTrigger action)
    {
        if (action is not (RecoveryTrigger.SubmitOtp or RecoveryTrigger.SubmitRecoveryCode) || context.Flow.UserId is not { } userId) return null;
        if (context.Flow.State != RecoveryState.SecondFactor) return null;
        var wait = await ports.Lockout.LockedForAsync(userId, context.CancellationToken);
        if (wait is null) return null;
        var result = await LockAsync(context, "account_locked", SecondsUntil(context.Now, context.Now + wait.Value));
        await ports.Flows.SaveAsync(context.Flow, context.CancellationToken);
        return result;
    }

    private async Task<RecoveryResult> LockAsync(RecoveryContext context, string reason, int? retryAfter)
    {
        context.Machine.Fire(RecoveryTrigger.AttemptsExhausted);
        context.Flow.Message = FlowCodes.Locked;
        await EndAsync(context, reason);
        return Problem(context, FlowCodes.Locked, retryAfter);
    }

    private RecoveryResult CodeProven(RecoveryContext context, RecoveryOutcome.CodeProven proven)
    {
        var flow = context.Flow;
        flow.UserId = proven.User.UserId;
        flow.SecondFactorRequired = proven.User.TotpEnabled;
        flow.Code = null;
        flow.Message = null;
        context.Machine.Fire(RecoveryTrigger.CodeVerified);
        return Answer(context);
    }

    private async Task<RecoveryResult> SecondFactorProvenAsync(RecoveryContext context)
    {
        await ports.Lockout.ResetAsync(context.Flow.UserId!, FailureKind.SecondFactor, context.CancellationToken);
        context.Flow.Message = null;
        context.Machine.Fire(RecoveryTrigger.SecondFactorVerified);
        return Answer(context);
    }

    /// <summary>
    /// The new password is written with a raised epoch (every session is refused from now on); the sessions and the
    /// apps' tokens are then deleted, the password failures forgotten, and the user told.
    /// </summary>
    private async Task<RecoveryResult> PasswordWrittenAsync(RecoveryContext context)
    {
        var (flow, cancellationToken) = (context.Flow, context.CancellationToken);
        var userId = flow.UserId!;
        context.Machine.Fire(RecoveryTrigger.PasswordSet);
        flow.Message = FlowCodes.PasswordChanged;
        var revoked = await ports.Sessions.RevokeAllAsync(userId, cancellationToken);
        await ports.Lockout.ResetAsync(userId, FailureKind.Password, cancellationToken);
        await ports.Notices.NotifyAsync(new AccountNotice(userId, NoticeKind.PasswordChanged, context.Now,
            context.Client.IpAddress, context.Client.UserAgent), cancellationToken);
        await EndAsync(context, reason: null);
        logger.LogInformation("User {UserId} recovered their password in {FlowId}; {Count} sessions revoked", userId, flow.Id, revoked);
        return Answer(context);
    }

    private async Task<RecoveryResult> AccountGoneAsync(RecoveryContext context)
    {
        context.Machine.Fire(RecoveryTrigger.AccountUnavailable);
        context.Flow.Message = FlowCodes.AccountUnavailable;
        await EndAsync(context, FlowCodes.AccountUnavailable);
        return Answer(context);
    }

    /// <summary>Writes the terminal outcome to the audit, once per flow.</summary>
    private async Task EndAsync(RecoveryContext context, string? reason)
    {
        var flow = context.Flow;
        if (flow.Audited) return;
        await ports.Audit.RecordAsync(new RecoveryAuditEntry(flow.Id, flow.UserId ?? flow.ClaimedUserId, flow.State, reason,
            flow.StartedBy, context.Client.IpAddress, context.Client.UserAgent, context.Now), context.CancellationToken);
        flow.Audited = true;
        logger.LogInformation("Recovery flow {FlowId} ended {Outcome}", flow.Id, flow.State);
    }
}
