using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Lists;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Account;

/// <summary>
/// The signed-in user's own account (api.md): profile, desk status, password, contacts, TOTP and recovery codes; and the
/// colleagues list. Any live session may use <c>/account</c>, even one that still has to enrol TOTP.
/// </summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/account").WithTags("Account").RequireAuthorization().RequireCors(FrontendCors.Policy)
            // The user of a live session can be gone (removed while it ran).
            .ProducesProblems(404);
        account.MapGet("/", GetAccount).WithName("GetAccount").WithSummary("The signed-in user's profile.");
        account.MapPut("/status", SetStatus).WithName("SetStatus").WithSummary("Sets the user's desk status (online, busy, offline).");
        account.MapPut("/password", ChangePassword).WithName("ChangePassword").WithSummary("Changes the local password (the current one, or a fresh login, is required); ends the other sessions.").ProducesProblems(401, 409, 423);
        account.MapPost("/otp", BeginOtpEnrolment).WithName("BeginOtpEnrolment").WithSummary("Begins TOTP enrolment: a secret and its QR code, pending until confirmed.").ProducesProblems(401, 409, 423);
        account.MapPost("/otp/confirm", ConfirmOtpEnrolment).WithName("ConfirmOtpEnrolment").WithSummary("Confirms TOTP enrolment with a code of the new authenticator; returns recovery codes.").ProducesProblems(401, 409);
        account.MapDelete("/otp", RemoveOtp).WithName("RemoveOtp").WithSummary("Turns TOTP off (a fresh login is required); ends the other sessions.").ProducesProblems(401, 409, 423);
        account.MapPost("/contacts/{channel}", BeginContactChange).WithName("BeginContactChange").WithSummary("Sends a code to a new email or mobile number (a recent login, or the current password, is required).").ProducesProblems(401, 403, 409, 423);
        account.MapPost("/contacts/{channel}/confirm", ConfirmContactChange).WithName("ConfirmContactChange").WithSummary("Binds the new contact with the code sent to it; the old one is told.").ProducesProblems(401, 409, 410);
        account.MapAccountPasskeys();
        account.MapPost("/recovery-codes", RegenerateRecoveryCodes).WithName("RegenerateRecoveryCodes").WithSummary("Replaces the recovery codes (shown once).").ProducesProblems(401, 409, 423);

        routes.MapGet("/users", ListColleagues).WithName("ListColleagues").WithSummary("Colleagues by name or id, for the desk.").WithTags("Account").RequireAuthorization(AccessPolicies.Colleagues);
        return routes;
    }

    public static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> GetAccount(HttpContext http, LoginDbContext db)
    {
        var user = await CurrentUserAsync(http, db);
        return user is null ? Refusal.UserNotFound.ToProblem(http) : TypedResults.Ok(ProfileDto.Of(user));
    }

    public static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> SetStatus(
        StatusRequest body, HttpContext http, LoginDbContext db, TimeProvider time)
    {
        if (body.Status is not { } status || !AgentStatus.All.Contains(status))
            return Refusal.NotOneOf("status", AgentStatus.All).ToProblem(http);
        var user = await CurrentUserAsync(http, db);
        if (user is null) return Refusal.UserNotFound.ToProblem(http);
        user.Status = status;
        user.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(ProfileDto.Of(user));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(
        PasswordChangeRequest body, HttpContext http, PasswordChange passwords)
    {
        if (string.IsNullOrEmpty(body.NewPassword)) return Refusal.Invalid("newPassword", "The new password is required.").ToProblem(http);
        var refused = await passwords.ChangeAsync(Session(http), body.CurrentPassword, body.NewPassword, Login.FlowServices.ClientOf(http), http.RequestAborted);
        return refused is null ? TypedResults.NoContent() : refused.ToProblem(http);
    }

    public static async Task<Results<Ok<EnrolmentDto>, ProblemHttpResult>> BeginOtpEnrolment(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ReauthenticationRequest? body,
        HttpContext http, OtpEnrolment enrolment)
    {
        var outcome = await enrolment.BeginAsync(Session(http), body?.CurrentPassword, http.RequestAborted);
        return outcome.Value is { } started
            ? TypedResults.Ok(new EnrolmentDto(started.Secret, started.OtpauthUri, Convert.ToBase64String(started.QrCodePng)))
            : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<Ok<RecoveryCodesDto>, ProblemHttpResult>> ConfirmOtpEnrolment(
        OtpCodeRequest body, HttpContext http, OtpEnrolment enrolment)
    {
        if (CodeOf(body) is not { } code) return MissingCode(http);
        var outcome = await enrolment.ConfirmAsync(Session(http), code, body.CurrentPassword, http.RequestAborted);
        return outcome.Value is { } codes ? TypedResults.Ok(new RecoveryCodesDto(codes)) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveOtp([FromBody] OtpCodeRequest body, HttpContext http, OtpEnrolment enrolment)
    {
        if (CodeOf(body) is not { } code) return MissingCode(http);
        var refused = await enrolment.RemoveAsync(Session(http), code, http.RequestAborted);
        return refused is null ? TypedResults.NoContent() : refused.ToProblem(http);
    }

    public static async Task<Results<Ok<RecoveryCodesDto>, ProblemHttpResult>> RegenerateRecoveryCodes(
        OtpCodeRequest body, HttpContext http, OtpEnrolment enrolment)
    {
        if (CodeOf(body) is not { } code) return MissingCode(http);
        var outcome = await enrolment.RegenerateRecoveryCodesAsync(Session(http).UserId, code, http.RequestAborted);
        return outcome.Value is { } codes ? TypedResults.Ok(new RecoveryCodesDto(codes)) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<Accepted<ContactCodeDto>, ProblemHttpResult>> BeginContactChange(
        string channel, ContactChangeRequest body, HttpContext http, ContactChange contacts)
    {
        if (ChannelProblem(channel) is { } invalid) return invalid.ToProblem(http);
        if (body.Target is not { Length: > 0 and <= 254 } target) return Refusal.Invalid("target", "Required, at most 254 characters.").ToProblem(http);
        var outcome = await contacts.BeginAsync(Session(http), channel, target, body.CurrentPassword, Login.FlowServices.ClientOf(http), http.RequestAborted);
        return outcome.Value is { } sent ? TypedResults.Accepted((string?)null, sent) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> ConfirmContactChange(
        string channel, ContactCodeRequest body, HttpContext http, ContactChange contacts)
    {
        if (ChannelProblem(channel) is { } invalid) return invalid.ToProblem(http);
        if (body.Code?.Trim() is not { Length: > 0 and <= 32 } code) return MissingCode(http);
        var outcome = await contacts.ConfirmAsync(Session(http), channel, code, Login.FlowServices.ClientOf(http), http.RequestAborted);
        return outcome.Value is { } user ? TypedResults.Ok(ProfileDto.Of(user)) : outcome.Refusal!.ToProblem(http);
    }

    /// <summary>Contacts that can be bound: an email address or a mobile number.</summary>
    public static Refusal? ChannelProblem(string channel) =>
        channel is BindTarget.Email or BindTarget.Sms ? null : Refusal.NotOneOf("channel", [BindTarget.Email, BindTarget.Sms]);

    public static async Task<Results<Ok<PageDto<ColleagueDto>>, ProblemHttpResult>> ListColleagues(
        string? status, HttpContext http, LoginDbContext db, int page = 1, int pageSize = 100)
    {
        if (status is not null && !AgentStatus.All.Contains(status))
            return Refusal.NotOneOf("status", AgentStatus.All).ToProblem(http);
        if (Paging.Check(page, pageSize) is { } invalid) return invalid.ToProblem(http);
        var users = db.Users.AsNoTracking().Where(u => !u.Disabled);
        if (status is not null) users = users.Where(u => u.Status == status);
        return TypedResults.Ok(await users.OrderBy(u => u.NormalizedUserId).ToPageAsync(page, pageSize, ColleagueDto.Of, http.RequestAborted));
    }

    private static SessionRecord Session(HttpContext http) => http.Features.GetRequiredFeature<SessionRecord>();

    private static Task<UserAccount?> CurrentUserAsync(HttpContext http, LoginDbContext db) =>
        db.Users.FindEnabledAsync(Session(http).UserId, http.RequestAborted);

    private static string? CodeOf(OtpCodeRequest body) => body.Code?.Trim() is { Length: > 0 and <= 64 } code ? code : null;

    private static ProblemHttpResult MissingCode(HttpContext http) => Refusal.Invalid("code", "A code is required.").ToProblem(http);
}
