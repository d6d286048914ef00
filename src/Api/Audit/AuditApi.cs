using System.Text.Json;
using LoginOrchestrator.Api.Lists;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Audit;

/// <summary>
/// One audit event as admins read it: a login's outcome, an account action, or an admin's action with its actor,
/// target and the target before and after.
/// </summary>
/// <param name="FlowId">The login or recovery flow; for an action, the id of its target (as <c>target.id</c>).</param>
/// <param name="UserId">Who logged in, or the user the action concerns.</param>
public sealed record AuditRecordDto(
    string FlowId, string? UserId, string Outcome, IReadOnlyList<string> Factors, bool Degraded, string? Reason,
    string? ClientIp, string? UserAgent, DateTimeOffset At,
    string Kind, string? Actor, AuditTargetDto? Target, JsonElement? Before, JsonElement? After);

/// <summary>What an action was done to: a user, session, device, setting (<c>namespace.key</c>), client, API key or the directory.</summary>
public sealed record AuditTargetDto(string Type, string Id);

/// <summary><c>GET /admin/audit</c>: logins and account and admin actions, newest first, filtered by kind, user, actor, outcome and time.</summary>
public static class AuditApi
{
    public static RouteHandlerBuilder MapAdminAudit(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/admin/audit", ReadAudit).WithName("ReadAudit")
            .WithSummary("The audit (logins, account actions, admin actions), newest first, filtered and paged.")
            .WithTags("Admin: audit").RequireAuthorization(AccessPolicies.AuditReader);

    /// <param name="userId">The user who logged in or whom an action concerns.</param>
    /// <param name="actor">Who acted (an admin's id, or <c>system</c>).</param>
    public static async Task<Results<Ok<PageDto<AuditRecordDto>>, ProblemHttpResult>> ReadAudit(
        string? kind, string? userId, string? actor, string? outcome, DateTimeOffset? from, DateTimeOffset? to, HttpContext http, LoginDbContext db,
        int page = 1, int pageSize = 50)
    {
        if (kind is not null && !AuditKinds.All.Contains(kind)) return Refusal.NotOneOf("kind", AuditKinds.All).ToProblem(http);
        if (outcome is not null && !AuditOutcomes.All.Contains(outcome)) return Refusal.NotOneOf("outcome", AuditOutcomes.All).ToProblem(http);
        if (actor is { Length: > 64 }) return Refusal.Invalid("actor", "At most 64 characters.").ToProblem(http);
        if (from > to) return Refusal.Invalid("from", "'from' is after 'to'.").ToProblem(http);
        if (Paging.Check(page, pageSize) is { } invalid) return invalid.ToProblem(http);

        var records = db.LoginAudit.AsNoTracking();
        if (kind is not null) records = records.Where(r => r.Kind == kind);
        if (!string.IsNullOrWhiteSpace(userId))
        {
            var canonical = UserIds.Canonical(userId);
            records = records.Where(r => r.UserId == canonical);
        }
        if (!string.IsNullOrWhiteSpace(actor))
        {
            var who = actor.Trim() == AdminAction.SystemActor ? AdminAction.SystemActor : UserIds.Canonical(actor);
            records = records.Where(r => r.Actor == who);
        }
        if (outcome is not null) records = records.Where(r => r.Outcome == outcome);
        if (from is { } start) records = records.Where(r => r.At >= start);
        if (to is { } end) records = records.Where(r => r.At < end);
        return TypedResults.Ok(await records.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToPageAsync(page, pageSize, ToDto, http.RequestAborted));
    }

    private static AuditRecordDto ToDto(LoginAuditRecord r) => new(
        r.FlowId, r.UserId, r.Outcome, r.Factors.Split(',', StringSplitOptions.RemoveEmptyEntries), r.Degraded, r.Reason, r.ClientIp, r.UserAgent, r.At,
        r.Kind, r.Actor, r.TargetType is null ? null : new AuditTargetDto(r.TargetType, r.FlowId), Json(r.Before), Json(r.After));

    private static JsonElement? Json(string? text) => text is null ? null : JsonDocument.Parse(text).RootElement.Clone();
}
