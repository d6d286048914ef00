using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Api.Lists;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Audit;

/// <summary>One login audit record as admins read it.</summary>
public sealed record AuditRecordDto(
    string FlowId, string? UserId, string Outcome, IReadOnlyList<string> Factors, bool Degraded, string? Reason,
    string? ClientIp, string? UserAgent, DateTimeOffset At);

/// <summary><c>GET /admin/audit</c>: the login audit, newest first, filtered by user, outcome and time.</summary>
public static class AuditApi
{
    /// <summary>A login's outcomes, and a session ended on request (by its user or an admin: see <c>reason</c>).</summary>
    /// <summary>A recovery's terminal states, as the audit writes them (<c>LoginAudit</c>).</summary>
    public static IReadOnlyList<string> RecoveryOutcomes { get; } =
        [.. Enum.GetValues<RecoveryState>().Where(s => s.IsTerminal()).Select(s => $"Recovery{s}")];

    private static readonly string[] Outcomes =
        ["Issued", "Failed", "Locked", "Expired", Sessions.SessionControl.Revoked, Account.ContactChange.Changed, Account.ContactChange.SetByAdmin,
         Sessions.DeviceControl.Forgotten, ApiKeys.ApiKeysApi.Created, ApiKeys.ApiKeysApi.Revoked,
         .. RecoveryOutcomes];


    public static RouteHandlerBuilder MapAdminAudit(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/admin/audit", ReadAudit).WithName("ReadAudit").WithSummary("The login audit, newest first, filtered and paged.").WithTags("Admin: audit").RequireAuthorization(AccessPolicies.AuditReader);

    public static async Task<Results<Ok<PageDto<AuditRecordDto>>, ProblemHttpResult>> ReadAudit(
        string? userId, string? outcome, DateTimeOffset? from, DateTimeOffset? to, HttpContext http, LoginDbContext db,
        int page = 1, int pageSize = 50)
    {
        if (outcome is not null && !Outcomes.Contains(outcome))
            return Refusal.NotOneOf("outcome", Outcomes).ToProblem(http);
        if (from > to) return Refusal.Invalid("from", "'from' is after 'to'.").ToProblem(http);
        if (Paging.Check(page, pageSize) is { } invalid) return invalid.ToProblem(http);

        var records = db.LoginAudit.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(userId))
        {
            var canonical = UserIds.Canonical(userId);
            records = records.Where(r => r.UserId == canonical);
        }
        if (outcome is not null) records = records.Where(r => r.Outcome == outcome);
        if (from is { } start) records = records.Where(r => r.At >= start);
        if (to is { } end) records = records.Where(r => r.At < end);
        return TypedResults.Ok(await records.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToPageAsync(page, pageSize,
            r => new AuditRecordDto(r.FlowId, r.UserId, r.Outcome, r.Factors.Split(',', StringSplitOptions.RemoveEmptyEntries),
                r.Degraded, r.Reason, r.ClientIp, r.UserAgent, r.At), http.RequestAborted));
    }
}
