using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Steps.Recovery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.Recovery;

/// <summary>
/// Password recovery as a flow of its own, stepped like a login: start, read, call the one action the state offers.
/// The group carries the login flows' rate limit and validation.
/// </summary>
public static class RecoveryFlowsApi
{
    public static RouteGroupBuilder MapRecoveryFlows(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/recovery", Availability).WithName("GetRecoveryAvailability").WithTags("Recovery flows").RequireCors(FrontendCors.Policy)
            .WithSummary("Whether the settings allow recovery now: the login page offers \"forgot password\" only then.");
        var group = routes.MapGroup("/recovery/flows").WithTags("Recovery flows")
            .RequireCors(FrontendCors.Policy)
            .RequireRateLimiting(LoginRateLimit.Policy)
            .ValidateFlowRequests();
        group.MapPost("/", CreateRecovery).WithName("CreateRecovery").WithSummary("Starts a password recovery (403 recovery_disabled when the settings turn it off).").ProducesProblems(403);
        group.MapGet("/{flowId}", GetRecovery).WithName("GetRecovery").WithSummary("The recovery as it stands: its state and the actions it offers now.").ProducesProblems(404, 410);
        group.MapPost("/{flowId}/identify", SubmitIdentifier).WithName("SubmitIdentifier").WithSummary("Who is recovering: a code goes to the account's proven contact, if there is such an account (the answer is the same either way).").ProducesProblems(403, 404, 409, 410, 423);
        group.MapPost("/{flowId}/code/resend", ResendRecoveryCode).WithName("ResendRecoveryCode").WithSummary("Sends the code again, once the resend wait is over.").ProducesProblems(403, 404, 409, 410, 423);
        group.MapPost("/{flowId}/code", SubmitRecoveryContactCode).WithName("SubmitRecoveryContactCode").WithSummary("The code that was sent to the account's contact.").ProducesProblems(401, 403, 404, 409, 410, 423);
        group.MapPost("/{flowId}/otp", SubmitRecoveryOtp).WithName("SubmitRecoveryOtp").WithSummary("An account with TOTP: a code of its authenticator.").ProducesProblems(401, 403, 404, 409, 410, 423);
        group.MapPost("/{flowId}/recovery-code", SubmitRecoveryBackupCode).WithName("SubmitRecoveryBackupCode").WithSummary("An account with TOTP: a one-time recovery code instead.").ProducesProblems(401, 403, 404, 409, 410, 423);
        group.MapPost("/{flowId}/password", SubmitNewPassword).WithName("SubmitNewPassword").WithSummary("The new password: every session and app token of the account ends, and the user is told by mail.").ProducesProblems(403, 404, 409, 410, 423);
        return group;
    }

    public static async Task<Ok<RecoveryAvailabilityDto>> Availability(ILoginPolicySource policy, HttpContext http) =>
        TypedResults.Ok(new RecoveryAvailabilityDto((await policy.GetAsync(http.RequestAborted)).RecoveryEnabled));

    public static async Task<Results<Created<RecoveryFlowDto>, ProblemHttpResult>> CreateRecovery(RecoveryEngine engine, HttpContext http)
    {
        var result = await engine.StartAsync(FlowServices.ClientOf(http), http.RequestAborted);
        if (result.Problem is not null) return RecoveryViews.Problem(result, http);
        var dto = RecoveryViews.ToDto(result);
        return TypedResults.Created($"{RecoveryViews.BasePath}/{dto.Id}", dto);
    }

    public static async Task<Results<Ok<RecoveryFlowDto>, ProblemHttpResult>> GetRecovery(string flowId, RecoveryEngine engine, HttpContext http) =>
        RecoveryViews.Answer(await engine.GetAsync(flowId, FlowServices.ClientOf(http), http.RequestAborted), http);

    public static Task<Results<Ok<RecoveryFlowDto>, ProblemHttpResult>> SubmitIdentifier(string flowId, IdentifyRequest body, RecoveryEngine engine, HttpContext http) =>
        SubmitAsync(flowId, RecoveryTrigger.SubmitIdentifier, new IdentifierInput(body.UserId!.Trim()), engine, http);

    public static Task<Results<Ok<RecoveryFlowDto>, ProblemHttpResult>> ResendRecoveryCode(string flowId, RecoveryEngine engine, HttpContext http) =>
        SubmitAsync(flowId, RecoveryTrigger.ResendCode, StepInput.None, engine, http);

    public static Task<Results<Ok<RecoveryFlowDto>, ProblemHttpResult>> SubmitRecoveryContactCode(string flowId, CodeRequest body, RecoveryEngine engine, HttpContext http) =>
        SubmitAsync(flowId, RecoveryTrigger.SubmitCode, new CodeInput(body.Code!.Trim()), engine, http);

    public static Task<Results<Ok<RecoveryFlowDto>, ProblemHttpResult>> SubmitRecoveryOtp(string flowId, CodeRequest body, RecoveryEngine engine, HttpContext http) =>
        SubmitAsync(flowId, RecoveryTrigger.SubmitOtp, new CodeInput(body.Code!.Trim()), engine, http);

    public static Task<Results<Ok<RecoveryFlowDto>, ProblemHttpResult>> SubmitRecoveryBackupCode(string flowId, CodeRequest body, RecoveryEngine engine, HttpContext http) =>
        SubmitAsync(flowId, RecoveryTrigger.SubmitRecoveryCode, new CodeInput(body.Code!.Trim()), engine, http);

    public static Task<Results<Ok<RecoveryFlowDto>, ProblemHttpResult>> SubmitNewPassword(string flowId, NewPasswordRequest body, RecoveryEngine engine, HttpContext http) =>
        SubmitAsync(flowId, RecoveryTrigger.SubmitNewPassword, new NewPasswordInput(body.Password!), engine, http);

    private static async Task<Results<Ok<RecoveryFlowDto>, ProblemHttpResult>> SubmitAsync(
        string flowId, RecoveryTrigger action, StepInput input, RecoveryEngine engine, HttpContext http) =>
        RecoveryViews.Answer(await engine.SubmitAsync(flowId, action, input, FlowServices.ClientOf(http), http.RequestAborted), http);
}
