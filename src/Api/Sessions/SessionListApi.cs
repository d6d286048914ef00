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

        var ownDevices = routes.MapGroup("/account/devices").WithTags("Account").RequireAuthorization().RequireCors(FrontendCors.Policy);
        ownDevices.MapGet("/", ListOwnDevices).WithName("ListOwnDevices").WithSummary("The devices the user asked to be remembered (that skip the second factor), last used first.");
        ownDevices.MapDelete("/{deviceId}", ForgetOwnDevice).WithName("ForgetOwnDevice").WithSummary("Forgets a remembered device: its next login asks for the second factor.").ProducesProblems(404);
        var adminDevices = routes.MapGroup("/admin/users/{userId}/devices").WithTags("Admin: users").RequireAuthorization(AccessPolicies.Admin).ProducesProblems(404);
        adminDevices.MapGet("/", ListUserDevices).WithName("ListUserDevices").WithSummary("A user's remembered devices.");
        adminDevices.MapDelete("/{deviceId}", ForgetUserDevice).WithName("ForgetUserDevice").WithSummary("Forgets one of a user's remembered devices; audited.");
        return routes;
    }

    private static Refusal NoSuchDevice => new(ProblemCodes.DeviceNotFound, "No remembered device of this id.");

    public static async Task<Ok<IReadOnlyList<RememberedDeviceDto>>> ListOwnDevices(HttpContext http, DeviceControl devices) =>
        TypedResults.Ok(await devices.ListAsync(Current(http).UserId, http.RequestAborted));

    public static async Task<Results<NoContent, ProblemHttpResult>> ForgetOwnDevice(string deviceId, HttpContext http, DeviceControl devices) =>
        await devices.ForgetAsync(Current(http).UserId, deviceId, null, Login.FlowServices.ClientOf(http), http.RequestAborted)
            ? TypedResults.NoContent()
            : NoSuchDevice.ToProblem(http);

    public static async Task<Results<Ok<IReadOnlyList<RememberedDeviceDto>>, ProblemHttpResult>> ListUserDevices(
        string userId, HttpContext http, DeviceControl devices, LoginDbContext db) =>
        await db.Users.AsNoTracking().WithUserId(userId).AnyAsync(http.RequestAborted)
            ? TypedResults.Ok(await devices.ListAsync(userId, http.RequestAborted))
            : Refusal.UserNotFound.ToProblem(http);

    public static async Task<Results<NoContent, ProblemHttpResult>> ForgetUserDevice(
        string userId, string deviceId, HttpContext http, DeviceControl devices) =>
        await devices.ForgetAsync(userId, deviceId, Current(http).UserId, Login.FlowServices.ClientOf(http), http.RequestAborted)
            ? TypedResults.NoContent()
            : NoSuchDevice.ToProblem(http);

    private static SessionRecord Current(HttpContext http) => http.Features.GetRequiredFeature<SessionRecord>();

    private static Refusal NoSuchSession => new(ProblemCodes.SessionNotFound, "No live session of this id.");

    public static async Task<Ok<IReadOnlyList<SessionSummaryDto>>> ListOwnSessions(HttpContext http, SessionControl sessions) =>
        TypedResults.Ok(await sessions.ListAsync(Current(http).UserId, Current(http).TokenHash, http.RequestAborted));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeOwnSession(string sessionId, HttpContext http, SessionControl sessions) =>
        await sessions.RevokeAsync(Current(http).UserId, sessionId, null, Login.FlowServices.ClientOf(http), http.RequestAborted)
            ? TypedResults.NoContent()
            : NoSuchSession.ToProblem(http);

    public static async Task<Results<Ok<IReadOnlyList<SessionSummaryDto>>, ProblemHttpResult>> ListUserSessions(
        string userId, HttpContext http, SessionControl sessions, LoginDbContext db) =>
        await db.Users.AsNoTracking().WithUserId(userId).AnyAsync(http.RequestAborted)
            ? TypedResults.Ok(await sessions.ListAsync(userId, currentTokenHash: null, http.RequestAborted))
            : Refusal.UserNotFound.ToProblem(http);

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeUserSession(
        string userId, string sessionId, HttpContext http, SessionControl sessions) =>
        await sessions.RevokeAsync(userId, sessionId, Current(http).UserId, Login.FlowServices.ClientOf(http), http.RequestAborted)
            ? TypedResults.NoContent()
            : NoSuchSession.ToProblem(http);
}
