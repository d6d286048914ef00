using System.ComponentModel;
using Hangfire;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Steps.Captcha;
using LoginOrchestrator.Steps.Delivery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Steps.Recovery;

/// <summary>
/// Sends a recovery flow's code, after its answer: finds the account the flow names, a proven contact and today's caps,
/// then issues the code and hands it to delivery (a delivery record and its send job, with their retries). For no
/// account, a disabled one, one without a proven contact or past a cap, nothing is sent and the flow cannot tell.
/// The job's argument is the flow id encrypted: the dashboard shows arguments, and a flow id is half of a recovery.
/// </summary>
public sealed class RecoveryCodeJob(
    IRecoveryFlowStore flows,
    IUserAccounts accounts,
    IUserDirectory directory,
    ILoginPolicySource policies,
    ICodeSendLimiter limiter,
    CaptchaCodes codes,
    ICodeDispatcher dispatcher,
    IDataProtectionProvider protection,
    TimeProvider time,
    ILogger<RecoveryCodeJob> logger)
{
    public const string Purpose = "LoginOrchestrator.Recovery.CodeJob.v1";

    /// <summary>
    /// The job starts its work only after the answer that queued it has left: a real account's job does more (a code,
    /// a delivery), and on the same instance it would otherwise slow that answer down, measurably.
    /// </summary>
    public static readonly TimeSpan AnswerHeadStart = TimeSpan.FromMilliseconds(250);

    [AutomaticRetry(Attempts = 3)]
    [DisplayName("Send recovery code (send {1})")]
    public async Task RunAsync(string protectedFlowId, int send, CancellationToken cancellationToken)
    {
        // Wall-clock time on purpose: the head start is about this process's answer, not the flow's clock.
        await Task.Delay(AnswerHeadStart, cancellationToken);
        var flowId = protection.CreateProtector(Purpose).Unprotect(protectedFlowId);
        var flow = await flows.FindAsync(flowId, cancellationToken);
        var now = time.GetUtcNow();
        // Gone, moved on, superseded by a later send, or out of time: nothing to send.
        if (flow is not { State: RecoveryState.Verify, Code: { } ticket } || ticket.Sends != send || now >= ticket.ExpiresAt) return;

        if (await accounts.FindActiveAsync(flow.ClaimedUserId!, cancellationToken) is not { } user) return;
        var policy = await policies.GetAsync(cancellationToken);
        // An admin's recovery sent its link to the proven email: its code goes there too.
        var preferred = flow.StartedBy is null ? policy.SendMethod : SendMethod.Email;
        if (RecoveryContact.For(user, preferred, directory.IsConfigured) is not { } contact)
        {
            logger.LogInformation("User {UserId} asked to recover a password but has no proven contact; no code was sent", user.UserId);
            return;
        }
        var (channel, target) = contact;
        var allowance = await limiter.TryAcquireAsync(user.UserId, target, flow.ClientIp, cancellationToken);
        if (!allowance.Allowed)
        {
            logger.LogWarning("Recovery code for {UserId} not sent: a daily code cap is reached (again in {RetryAfter})", user.UserId, allowance.RetryAfter);
            return;
        }
        var issued = await codes.IssueAsync(flow.Id, channel, target, policy.CodeLength, ticket.ExpiresAt - now, cancellationToken);
        await dispatcher.DispatchAsync(new CodeDispatch(flow.Id, channel, target, issued.Code, issued.ExpiresAt, "recovery",
            user.UserId, user.Name, flow.Language), cancellationToken);
    }
}

/// <summary>Queues <see cref="RecoveryCodeJob"/> on the delivery queue.</summary>
public sealed class RecoveryCodeQueue(IBackgroundJobClient jobs, IDataProtectionProvider protection) : IRecoveryCodeQueue
{
    public void Queue(string flowId, int send)
    {
        var argument = protection.CreateProtector(RecoveryCodeJob.Purpose).Protect(flowId);
        jobs.Enqueue<RecoveryCodeJob>(SendCodeJob.Queue, job => job.RunAsync(argument, send, CancellationToken.None));
    }
}
