using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>
/// Per-user lock-out across flows. Failures are counted under the user id as typed, whether or not such a
/// user exists, so a lock-out says nothing about which accounts are real.
/// </summary>
public sealed partial class LoginFlowEngine
{
    /// <summary>A locked account is refused before any check (even a right answer), and the flow ends <c>Locked</c>.</summary>
    private async Task<FlowResult?> RefuseIfLockedAsync(FlowRequest request, string userId)
    {
        var wait = await stores.Lockout.LockedForAsync(userId, request.CancellationToken);
        return wait is null ? null : await LockFlowAsync(request, wait.Value, reason: "account_locked");
    }

    /// <summary>Counts a wrong answer against its user; returns the wait when it locked the account.</summary>
    private async Task<TimeSpan?> CountFailureAsync(FlowRequest request, LoginTrigger rejection)
    {
        var flow = request.Flow;
        var (userId, kind) = rejection is LoginTrigger.PasswordRejected or LoginTrigger.DirectoryRejected
            ? (flow.UserId ?? flow.ClaimedUserId, FailureKind.Password)
            : (flow.UserId, FailureKind.SecondFactor);
        // A refused WeCom OAuth code names no user: only the flow's and the client's limits count it.
        if (userId is null) return null;
        var wait = await stores.Lockout.RecordFailureAsync(userId, kind, request.Policy.Lockout, request.CancellationToken);
        if (wait is null) return null;
        metrics.AccountLocked(kind.ToString());
        logger.LogWarning("Security event: account {UserId} locked for {Seconds} s after repeated wrong {Kind} answers",
            userId, (int)wait.Value.TotalSeconds, kind);
        return wait;
    }

    private Task ResetFailuresAsync(FlowRequest request, string userId, FailureKind kind) =>
        stores.Lockout.ResetAsync(userId, kind, request.CancellationToken);

    private async Task<FlowResult> LockFlowAsync(FlowRequest request, TimeSpan wait, string reason)
    {
        request.Machine.Fire(LoginTrigger.AttemptsExhausted);
        request.Flow.Message = FlowCodes.Locked;
        await EndAsync(request, reason);
        return Problem(request, FlowCodes.Locked, retryAfter: SecondsUntil(request.Now, request.Now + wait));
    }
}
