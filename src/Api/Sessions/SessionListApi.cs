using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Sessions;

/// <summary>
/// <c>/account/sessions</c> (the signed-in user's own) and <c>/admin/users/{userId}/sessions</c> (an admin's view of
/// anyone's): list, and end one.
/// </summary>
public static class SessionListApi
{
    public static IEndpointRouteBuilder MapSessionLists(this IEndpointRouteBuilder routes)
    {
        var own = routes.MapGroup("/account/sessions").WithTags("Account").RequireAuthorization().RequireCors(FrontendCors.Policy);
        own.MapGet("/", ListOwnSessions).WithName("ListOwnSessions").WithSummary("The signed-in user's live sessions, newest first (the current one marked).");
        own.MapDelete("/{sessionId}", RevokeOwnSession).WithName("RevokeOwnSession")
            .WithSummary("Ends one of the user's sessions (the current one too), and the refresh tokens apps got from it.").ProducesProblems(404);

        var admin = routes.MapGroup("/admin/users/{userId}/sessions").WithTags("Admin: users").RequireAuthorization(AccessPolicies.Admin).ProducesProblems(404);
        admin.MapGet("/", ListUserSessions).WithName("ListUserSessions").WithSummary("A user's live sessions, newest first.");
        admin.MapDelete("/{sessionId}", RevokeUserSession).WithName("RevokeUserSession")
            .WithSummary("Ends one of a user's sessions and the refresh tokens apps got from it; audited.");
        return routes;
    }

    private static SessionRecord Current(HttpContext http) => http.Features.GetRequiredFeature<SessionRecord>();

    private static Refusal NoSuchSession => new(ProblemCodes.SessionNotFound, "No live session of this id.");

    public static async Task<Ok<IReadOnlyList<SessionSummaryDto>>> ListOwnSessions(HttpContext http, SessionControl sessions) =>
        TypedResults.Ok(await sessions.ListAsync(Current(http).UserId, Current(http).TokenHash, http.RequestAborted));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeOwnSession(string sessionId, HttpContext http, SessionControl sessions) =>
        await sessions.RevokeAsync(Current(http).UserId, sessionId, "by_user", Login.FlowServices.ClientOf(http), http.RequestAborted)
            ? TypedResults.NoContent()
            : NoSuchSession.ToProblem(http);

    public static async Task<Results<Ok<IReadOnlyList<SessionSummaryDto>>, ProblemHttpResult>> ListUserSessions(
        string userId, HttpContext http, SessionControl sessions, LoginDbContext db) =>
        await db.Users.AsNoTracking().WithUserId(userId).AnyAsync(http.RequestAborted)
            ? TypedResults.Ok(await sessions.ListAsync(userId, currentTokenHash: null, http.RequestAborted))
            : Refusal.UserNotFound.ToProblem(http);

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeUserSession(
        string userId, string sessionId, HttpContext http, SessionControl sessions) =>
        await sessions.RevokeAsync(userId, sessionId, $"by_admin:{Current(http).UserId}", Login.FlowServices.ClientOf(http), http.RequestAborted)
            ? TypedResults.NoContent()
            : NoSuchSession.ToProblem(http);
}
