using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;
using Microsoft.AspNetCore.Http.Features;

namespace LoginOrchestrator.Api.Recovery;

/// <summary>
/// An admin sends a user a recovery: a flow already identified, its code to the user's proven email, and a notice
/// there with the link that continues it. The admin learns nothing of the code or the link (the audit names them).
/// </summary>
public sealed class AdminRecovery(IUserAccounts accounts, RecoveryEngine engine, IAccountNotices notices, Stores.Database.LoginAudit audit, TimeProvider time)
{
    public const string Sent = "RecoverySent";

    public async Task<Outcome<RecoverySentDto>> SendAsync(string userId, HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        if (await accounts.FindAsync(userId, cancellationToken) is not { User: var user }) return Refusal.UserNotFound;
        if (user.Disabled) return new Refusal(ProblemCodes.UserDisabled, "The user is disabled.");
        if (!user.EmailVerified || string.IsNullOrWhiteSpace(user.Email))
            return new Refusal(ProblemCodes.ContactUnproven, "The user has no proven email to send the recovery link to.");

        var admin = http.Features.GetRequiredFeature<SessionRecord>().UserId;
        var client = FlowServices.ClientOf(http);
        var result = await engine.SendToUserAsync(user.UserId, admin, client, cancellationToken);
        if (result.Problem is { Code: FlowCodes.RecoveryDisabled }) return new Refusal(FlowCodes.RecoveryDisabled, FlowTexts.For(FlowCodes.RecoveryDisabled));
        var flow = result.Flow!;
        var link = $"{http.Request.Scheme}://{http.Request.Host}{RecoveryViews.PagePath(flow.Id)}";
        await notices.NotifyAsync(new AccountNotice(user.UserId, NoticeKind.RecoveryStarted, time.GetUtcNow(), client.IpAddress, client.UserAgent, link), cancellationToken);
        var target = Orchestrator.Policy.UserIds.Canonical(user.UserId);
        await audit.RecordAsync(new Stores.Database.AdminAction(Sent, admin, "user", target, client, time.GetUtcNow())
        {
            UserId = target, After = new { recoveryExpiresAt = flow.ExpiresAt },
        }, cancellationToken);
        return new RecoverySentDto(flow.ExpiresAt);
    }
}
