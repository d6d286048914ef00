using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Account;
using LoginOrchestrator.Api.Audit;
using LoginOrchestrator.Api.Lists;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Recovery;
using LoginOrchestrator.Api.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.AdminUsers;

/// <summary>api.md's <c>/admin/users</c> rows: list, create, change role, disable, unlock, reset TOTP, send a recovery.</summary>
public static class AdminUsersApi
{
    public static RouteGroupBuilder MapAdminUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin/users").WithTags("Admin: users");
        // Reading users is also a service key's with users:read; every change is an admin's.
        group.MapGet("/", ListUsers).WithName("ListUsers").WithSummary("The users, filtered by role or text, paged.").RequireAuthorization(AccessPolicies.UsersReader);
        group.MapPost("/", CreateUser).WithName("CreateUser").WithSummary("Creates a user (id, name, role, contacts, category, departments, an initial password).").ProducesProblems(409).RequireAuthorization(AccessPolicies.Admin);
        group.MapGet("/{userId}", GetUser).WithName("GetUser").WithSummary("One user.").ProducesProblems(404).RequireAuthorization(AccessPolicies.UsersReader);
        group.MapPatch("/{userId}", UpdateUser).WithName("UpdateUser").WithSummary("Changes a user's name, role, category, departments or disabled state (a role change or disable ends their sessions and app grants).").ProducesProblems(404, 409).RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/{userId}/unlock", UnlockUser).WithName("UnlockUser").WithSummary("Lifts a user's lock-out.").ProducesProblems(404).RequireAuthorization(AccessPolicies.Admin);
        group.MapPut("/{userId}/contacts/{channel}", SetUserContact).WithName("SetUserContact").WithSummary("Sets (or removes) a user's email or mobile number: unproven until a code sent to it comes back; audited.").ProducesProblems(404, 409).RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/{userId}/recovery", SendRecovery).WithName("SendRecovery").WithSummary("Sends the user a password recovery: a link by mail and a code to continue it.").ProducesProblems(403, 404, 409).RequireAuthorization(AccessPolicies.Admin);
        group.MapDelete("/{userId}/otp", ResetUserOtp).WithName("ResetUserOtp").WithSummary("Removes a user's TOTP, so they enrol again.").ProducesProblems(404).RequireAuthorization(AccessPolicies.Admin);
        return group;
    }

    public static async Task<Results<Ok<PageDto<ProfileDto>>, ProblemHttpResult>> ListUsers(
        string? role, string? q, HttpContext http, UserAdministration users, int page = 1, int pageSize = 50)
    {
        if (role is not null && !UserAdministration.AllRoles.Contains(role))
            return Refusal.NotOneOf("role", UserAdministration.AllRoles).ToProblem(http);
        if (q is { Length: > 64 }) return Refusal.Invalid("q", "At most 64 characters.").ToProblem(http);
        if (Paging.Check(page, pageSize) is { } invalid) return invalid.ToProblem(http);
        return TypedResults.Ok(await users.ListAsync(role, q, page, pageSize, http.RequestAborted));
    }

    public static async Task<Results<Created<ProfileDto>, ProblemHttpResult>> CreateUser(
        CreateUserRequest body, HttpContext http, UserAdministration users)
    {
        var outcome = await users.CreateAsync(
            new NewUser(body.UserId ?? "", body.Name ?? "", body.Role ?? "", body.Email, body.Mobile, body.Password)
            {
                Category = body.Category, Departments = body.Departments,
            }, AdminActor.Of(http), http.RequestAborted);
        return outcome.Value is { } created
            ? TypedResults.Created($"/api/v1/admin/users/{Uri.EscapeDataString(created.UserId)}", created)
            : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> GetUser(string userId, HttpContext http, UserAdministration users) =>
        await users.GetAsync(userId, http.RequestAborted) is { } user ? TypedResults.Ok(user) : Refusal.UserNotFound.ToProblem(http);

    public static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> UpdateUser(
        string userId, UpdateUserRequest body, HttpContext http, UserAdministration users)
    {
        var outcome = await users.UpdateAsync(
            userId, new UserChange(body.Name, body.Role, body.Disabled, body.Category, body.Departments), AdminActor.Of(http), http.RequestAborted);
        return outcome.Value is { } user ? TypedResults.Ok(user) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnlockUser(string userId, HttpContext http, UserAdministration users) =>
        await users.UnlockAsync(userId, AdminActor.Of(http), http.RequestAborted) ? TypedResults.NoContent() : Refusal.UserNotFound.ToProblem(http);

    public static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> SetUserContact(
        string userId, string channel, AdminContactRequest body, HttpContext http, ContactChange contacts)
    {
        if (AccountApi.ChannelProblem(channel) is { } invalid) return invalid.ToProblem(http);
        if (body.Target is { Length: > 254 }) return Refusal.Invalid("target", "At most 254 characters.").ToProblem(http);
        var admin = http.Features.GetRequiredFeature<Orchestrator.Ports.SessionRecord>().UserId;
        var outcome = await contacts.SetByAdminAsync(userId, channel, body.Target, admin, Login.FlowServices.ClientOf(http), http.RequestAborted);
        return outcome.Value is { } user ? TypedResults.Ok(ProfileDto.Of(user)) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<Accepted<RecoverySentDto>, ProblemHttpResult>> SendRecovery(string userId, HttpContext http, AdminRecovery recovery)
    {
        var outcome = await recovery.SendAsync(userId, http);
        return outcome.Value is { } sent ? TypedResults.Accepted((string?)null, sent) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ResetUserOtp(string userId, HttpContext http, OtpEnrolment enrolment) =>
        await enrolment.ResetAsync(userId, AdminActor.Of(http), http.RequestAborted) ? TypedResults.NoContent() : Refusal.UserNotFound.ToProblem(http);
}
