using Hangfire;
using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Sync;

/// <summary>One directory sync as the console shows it.</summary>
public sealed record DirectorySyncRunDto(
    long Id, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Outcome, string TriggeredBy,
    int Members, int Departments, int Added, int Updated, int Disabled, string? Detail)
{
    public static DirectorySyncRunDto Of(DirectorySyncRunRecord r) =>
        new(r.Id, r.StartedAt, r.FinishedAt, r.Outcome, r.TriggeredBy, r.Members, r.Departments, r.Added, r.Updated, r.Disabled, r.Detail);
}

public sealed record DepartmentDto(long Id, string Name, long ParentId);

/// <summary>The WeCom directory for admins: start a sync, read the last ones, the departments it read.</summary>
public static class DirectoryApi
{
    public static RouteGroupBuilder MapDirectory(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin/directory").WithTags("Admin: directory").RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/sync", StartSync).WithName("StartDirectorySync").WithSummary("Queues a directory sync now (a Hangfire job); 409 without WeCom.").ProducesProblems(409);
        group.MapGet("/sync", ListSyncs).WithName("ListDirectorySyncs").WithSummary("The last 20 directory syncs, newest first: what each read and changed, or why it changed nothing.");
        group.MapGet("/departments", ListDepartments).WithName("ListDepartments").WithSummary("The departments the last sync read.");
        return group;
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> StartSync(
        HttpContext http, IUserDirectory directory, IBackgroundJobClient jobs, LoginAudit audit, TimeProvider time)
    {
        if (!directory.IsConfigured) return new Refusal(ProblemCodes.DirectoryNotConfigured, "WeCom is not configured: there is no directory to sync.").ToProblem(http);
        var admin = Audit.AdminActor.Of(http);
        var job = jobs.Enqueue<DirectorySyncJob>(job => job.RunAsync($"admin:{admin.UserId}", CancellationToken.None));
        // The run's own event (DirectorySynced) names the admin too; this one has where they asked from.
        await audit.RecordAsync(new AdminAction(DirectorySync.Started, admin.UserId, "directory", $"job:{job}", admin.Client, time.GetUtcNow()), http.RequestAborted);
        return TypedResults.Accepted("/api/v1/admin/directory/sync");
    }

    public static async Task<Ok<List<DirectorySyncRunDto>>> ListSyncs(LoginDbContext db, HttpContext http) =>
        TypedResults.Ok((await db.DirectorySyncRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(20).ToListAsync(http.RequestAborted))
            .Select(DirectorySyncRunDto.Of).ToList());

    public static async Task<Ok<List<DepartmentDto>>> ListDepartments(LoginDbContext db, HttpContext http) =>
        TypedResults.Ok(await db.Departments.AsNoTracking().OrderBy(d => d.Id).Select(d => new DepartmentDto(d.Id, d.Name, d.ParentId)).ToListAsync(http.RequestAborted));
}
