using LoginOrchestrator.Api.Data;
using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Api.Audit;

/// <summary>Writes login outcomes to the <c>login_audit</c> table.</summary>
public sealed class LoginAudit(LoginDbContext db) : ILoginAudit
{
    public async Task RecordAsync(LoginAuditEntry entry, CancellationToken cancellationToken)
    {
        db.LoginAudit.Add(new LoginAuditRecord
        {
            FlowId = entry.FlowId,
            UserId = entry.UserId is { Length: > 64 } id ? id[..64] : entry.UserId,
            Outcome = entry.Outcome.ToString(),
            Factors = string.Join(',', entry.Factors.Select(FlowNames.Factor)),
            Degraded = entry.Degraded,
            Reason = entry.Reason,
            ClientIp = entry.ClientIp,
            UserAgent = entry.UserAgent is { Length: > 512 } ua ? ua[..512] : entry.UserAgent,
            At = entry.At,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
