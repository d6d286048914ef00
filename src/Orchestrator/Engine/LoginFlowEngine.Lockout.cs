using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>
/// Per-user lock-out across flows. Failures are counted under the user id as typed, whether or not such a
/// user exists, so a lock-out says nothing about which accounts are real.
/// </summary>
public sealed partial class LoginFlowEngine
{
    /// <summary>A user's lock read beside the flow (the input named the user), before the lease was known to be held.</summary>
    private sealed record LockRead(string UserId, Task<LockCheck> Check);

    /// <summary>Starts reading the lock of the user the input names, so it travels with the flow's read.</summary>
    private LockRead? LockReadFor(string flowId, LoginTrigger? action, StepInput input, CancellationToken cancellationToken)
    {
        if (action is not { } offered || steps.For(offered).NamedSubject(input) is not { } userId) return null;
        var check = ports.Lockout.CheckForFlowAsync(userId, flowId, cancellationToken);
        // Not awaited when the flow is missing or busy: its failure (Redis down) must not go unobserved.
        _ = check.ContinueWith(static read => _ = read.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return new LockRead(userId, check);
    }

    /// <summary>
    /// A locked account is refused before any check (even a right answer), and the flow ends <c>Locked</c>. The lock is
    /// the one read beside the flow when the input named the user; for the user the flow already watches (a second
    /// factor), the copy the flow's read brought; otherwise it is read now (and watched from now on).
    /// </summary>
    private async Task<FlowResult?> LockedAnswerAsync(StepContext context, string? userId, IFlowLease? lease = null, LockRead? read = null)
    {
        if (userId is null) return null;
        var wait = read is not null && read.UserId == userId ? Watched(context, userId, await read.Check)
            : lease is not null && context.Flow.LockWatchedFor == UserIds.Canonical(userId) ? CopiedWait(context, userId, lease)
            : Watched(context, userId, await ports.Lockout.CheckForFlowAsync(userId, context.Flow.Id, context.CancellationToken));
        return wait is null ? null : LockFlow(context, wait.Value, reason: "account_locked");
    }

    /// <summary>What is left of the lock copied to the flow for this user, if any.</summary>
    private static TimeSpan? CopiedWait(StepContext context, string userId, IFlowLease lease) =>
        lease.UserLock is { } copied && copied.UserId == UserIds.Canonical(userId) && copied.Until > context.Now ? copied.Until - context.Now : null;

    private static TimeSpan? Watched(StepContext context, string userId, LockCheck check)
    {
        if (check.Watching) context.Flow.LockWatchedFor = UserIds.Canonical(userId);
        return check.Wait;
    }

    /// <summary>Counts a wrong answer against its user; returns the wait when it locked the account.</summary>
    private async Task<TimeSpan?> CountFailureAsync(StepContext context, LoginTrigger rejection)
    {
        var flow = context.Flow;
        var (userId, kind) = rejection is LoginTrigger.PasswordRejected or LoginTrigger.DirectoryRejected
            ? (flow.UserId ?? flow.ClaimedUserId, FailureKind.Password)
            : (flow.UserId, FailureKind.SecondFactor);
        // A refused WeCom OAuth code names no user: only the flow's and the client's limits count it.
        if (userId is null) return null;
        var wait = await ports.Lockout.RecordFailureAsync(userId, kind, context.Policy.Lockout, context.CancellationToken);
        if (wait is null) return null;
        metrics.AccountLocked(kind.ToString());
        logger.LogWarning("Security event: account {UserId} locked for {Seconds} s after repeated wrong {Kind} answers",
            userId, (int)wait.Value.TotalSeconds, kind);
        // The owner is told (an id that names no account tells nobody: the notice's job finds no one to mail).
        await ports.Notices.NotifyAsync(new AccountNotice(userId, NoticeKind.AccountLocked, context.Now,
            context.Client.IpAddress, context.Client.UserAgent), context.CancellationToken);
        return wait;
    }

    private FlowResult LockFlow(StepContext context, TimeSpan wait, string reason)
    {
        context.Machine.Fire(LoginTrigger.AttemptsExhausted);
        context.Flow.Message = FlowCodes.Locked;
        End(context, reason);
        return Problem(context, FlowCodes.Locked, retryAfter: SecondsUntil(context.Now, context.Now + wait));
    }
}
