using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LoginOrchestrator.Api.Account;

/// <summary><c>/account/passkeys</c>: the signed-in user registers, lists, renames and removes their passkeys.</summary>
public static class AccountPasskeysApi
{
    public static RouteGroupBuilder MapAccountPasskeys(this RouteGroupBuilder account)
    {
        var passkeys = account.MapGroup("/passkeys");
        passkeys.MapGet("/", ListPasskeys).WithName("ListPasskeys").WithSummary("The user's passkeys.");
        passkeys.MapPost("/options", BeginPasskeyRegistration).WithName("BeginPasskeyRegistration")
            .WithSummary("Begins registering a passkey: the options for navigator.credentials.create (a recent login, or the current password, is required).").ProducesProblems(401, 403, 409, 423);
        passkeys.MapPost("/", FinishPasskeyRegistration).WithName("FinishPasskeyRegistration")
            .WithSummary("Registers the passkey navigator.credentials.create made, under a name.").ProducesProblems(400, 401, 403, 409, 423);
        passkeys.MapPatch("/{passkeyId}", RenamePasskey).WithName("RenamePasskey").WithSummary("Renames a passkey.").ProducesProblems(400);
        passkeys.MapDelete("/{passkeyId}", RemovePasskey).WithName("RemovePasskey")
            .WithSummary("Removes a passkey (a recent login, or the current password, is required).").ProducesProblems(401, 403, 423);
        return account;
    }

    /// <summary><c>/admin/users/{userId}/passkeys</c>: an admin lists a user's passkeys and removes one (audited).</summary>
    public static IEndpointRouteBuilder MapUserPasskeys(this IEndpointRouteBuilder routes)
    {
        var passkeys = routes.MapGroup("/admin/users/{userId}/passkeys").WithTags("Admin: users").RequireAuthorization(AccessPolicies.Admin).ProducesProblems(404);
        passkeys.MapGet("/", ListUserPasskeys).WithName("ListUserPasskeys").WithSummary("A user's passkeys.");
        passkeys.MapDelete("/{passkeyId}", RemoveUserPasskey).WithName("RemoveUserPasskey").WithSummary("Removes one of a user's passkeys (a lost or stolen key); audited.");
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<PasskeyDto>>, ProblemHttpResult>> ListUserPasskeys(
        string userId, HttpContext http, PasskeyRegistration registration, LoginDbContext db) =>
        await db.Users.AsNoTracking().WithUserId(userId).AnyAsync(http.RequestAborted)
            ? TypedResults.Ok(await registration.ListAsync(userId, http.RequestAborted))
            : Refusal.UserNotFound.ToProblem(http);

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveUserPasskey(
        string userId, string passkeyId, HttpContext http, PasskeyRegistration registration) =>
        await registration.RemoveAsync(userId, passkeyId, Session(http).UserId, Login.FlowServices.ClientOf(http), http.RequestAborted)
            ? TypedResults.NoContent()
            : PasskeyRegistration.NoSuchPasskey.ToProblem(http);

    public static async Task<Ok<IReadOnlyList<PasskeyDto>>> ListPasskeys(HttpContext http, PasskeyRegistration registration) =>
        TypedResults.Ok(await registration.ListAsync(Session(http).UserId, http.RequestAborted));

    public static async Task<Results<Ok<PasskeyCreationOptionsDto>, ProblemHttpResult>> BeginPasskeyRegistration(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PasskeyOptionsRequest? body, HttpContext http, PasskeyRegistration registration)
    {
        var outcome = await registration.BeginAsync(Session(http), body?.CurrentPassword, http.RequestAborted);
        return outcome.Value is { } options ? TypedResults.Ok(options) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<Created<PasskeyDto>, ProblemHttpResult>> FinishPasskeyRegistration(
        PasskeyRegistrationRequest body, HttpContext http, PasskeyRegistration registration)
    {
        var outcome = await registration.FinishAsync(Session(http), body, Login.FlowServices.ClientOf(http), http.RequestAborted);
        return outcome.Value is { } passkey ? TypedResults.Created($"/api/v1/account/passkeys/{passkey.Id}", passkey) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<Ok<PasskeyDto>, ProblemHttpResult>> RenamePasskey(
        string passkeyId, PasskeyRenameRequest body, HttpContext http, PasskeyRegistration registration)
    {
        var outcome = await registration.RenameAsync(Session(http).UserId, passkeyId, body.Name, http.RequestAborted);
        return outcome.Value is { } passkey ? TypedResults.Ok(passkey) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemovePasskey(
        string passkeyId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PasskeyOptionsRequest? body, HttpContext http, PasskeyRegistration registration)
    {
        var refused = await registration.RemoveAsync(Session(http), passkeyId, body?.CurrentPassword, Login.FlowServices.ClientOf(http), http.RequestAborted);
        return refused is null ? TypedResults.NoContent() : refused.ToProblem(http);
    }

    private static SessionRecord Session(HttpContext http) => http.Features.GetRequiredFeature<SessionRecord>();
}
