using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Steps.Bind;
using LoginOrchestrator.Steps.Passwords;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LoginOrchestrator.Api.Login;

/// <summary>The login flow endpoints of api.md: read a flow, call the one action it offers.</summary>
public static class LoginFlowsApi
{
    public static RouteGroupBuilder MapLoginFlows(this IEndpointRouteBuilder routes)
    {
        // The per-minute request limits (LoginRateLimit's windows): the framework's limiter counts a creation; on a flow the
        // engine counts the request itself, in the same Redis round trip as the flow's read (docs/performance.md).
        var group = routes.MapGroup("/login/flows").WithTags("Login flows")
            .RequireCors(FrontendCors.Policy)
            .ValidateFlowRequests();
        group.MapPost("/", CreateFlow).RequireRateLimiting(LoginRateLimit.Policy).WithName("CreateFlow").WithSummary("Starts a login flow (optionally with a returnTo this service may send the browser to when Issued).");
        group.MapGet("/{flowId}", GetFlow).WithName("GetFlow").WithSummary("The flow as it stands: its state and the actions it offers now.").ProducesProblems(404, 410);
        group.MapPost("/{flowId}/password", SubmitPassword).WithName("SubmitPassword").WithSummary("The password action: WeCom confirms the member, or (WeCom down) the local password, degraded.").ProducesProblems(401, 404, 409, 410, 423);
        group.MapPost("/{flowId}/wecom", SubmitWeComCode).WithName("SubmitWeComCode").WithSummary("The WeCom OAuth action: the code WeCom's page sent back.").ProducesProblems(401, 404, 409, 410, 423);
        group.MapPost("/{flowId}/otp", SubmitOtp).WithName("SubmitOtp").WithSummary("The TOTP action: a 6-digit code of the bound authenticator.").ProducesProblems(401, 404, 409, 410, 423);
        group.MapPost("/{flowId}/recovery-code", SubmitRecoveryCode).WithName("SubmitRecoveryCode").WithSummary("The recovery-code action: a one-time code instead of TOTP.").ProducesProblems(401, 404, 409, 410, 423);
        group.MapPost("/{flowId}/bind", SubmitBindTarget).WithName("SubmitBindTarget").WithSummary("The bind action: the email or mobile number to bind; a code is sent to it.").ProducesProblems(404, 409, 410, 423);
        group.MapPost("/{flowId}/captcha/resend", ResendCaptcha).WithName("ResendCaptcha").WithSummary("Sends the captcha code again, once the resend wait is over.").ProducesProblems(404, 409, 410, 423);
        group.MapPost("/{flowId}/captcha", SubmitCaptcha).WithName("SubmitCaptcha").WithSummary("The captcha action: the code that was sent.").ProducesProblems(401, 404, 409, 410, 423);
        group.MapPost("/{flowId}/passkey", SubmitPasskey).WithName("SubmitPasskey").WithSummary("The passkey action: a WebAuthn assertion over the flow's publicKey options; passwordless in Credentials, the second factor in OtpChallenge.").ProducesProblems(401, 404, 409, 410, 423);
        return group;
    }

    public static async Task<Results<Created<FlowDto>, ProblemHttpResult>> CreateFlow(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CreateFlowRequest? body,
        [AsParameters] FlowServices services, ReturnUrlPolicy returnUrls)
    {
        if (body?.ReturnTo is { } returnTo && !returnUrls.Allows(returnTo))
            return FlowHttp.Invalid(new() { ["returnTo"] = ["Not an allowed return URL."] }, services.Http);

        var dto = FlowViews.ToDto(await services.Engine.StartAsync(body?.ReturnTo, services.Cancellation));
        return TypedResults.Created($"{FlowViews.BasePath}/{dto.Id}", dto);
    }

    public static async Task<Results<Ok<FlowDto>, ProblemHttpResult>> GetFlow(string flowId, [AsParameters] FlowServices services) =>
        await FlowHttp.AnswerAsync(await services.Engine.GetAsync(flowId, services.Client, services.Cancellation), services);

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitPassword(string flowId, PasswordRequest body, [AsParameters] FlowServices services) =>
        SubmitAsync(flowId, LoginTrigger.SubmitPassword, () => new PasswordInput(body.UserId!.Trim(), body.Password!), services);

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitWeComCode(string flowId, CodeRequest body, [AsParameters] FlowServices services) =>
        SubmitCodeAsync(flowId, LoginTrigger.SubmitWeComCode, body, services);

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitOtp(string flowId, CodeRequest body, [AsParameters] FlowServices services) =>
        SubmitCodeAsync(flowId, LoginTrigger.SubmitOtp, body, services);

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitRecoveryCode(string flowId, CodeRequest body, [AsParameters] FlowServices services) =>
        SubmitCodeAsync(flowId, LoginTrigger.SubmitRecoveryCode, body, services);

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitCaptcha(string flowId, CodeRequest body, [AsParameters] FlowServices services) =>
        SubmitCodeAsync(flowId, LoginTrigger.SubmitCaptcha, body, services);

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitBindTarget(string flowId, BindRequest body, [AsParameters] FlowServices services) =>
        SubmitAsync(flowId, LoginTrigger.SubmitBindTarget, () => new BindInput(body.Channel!, body.Target!), services);

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitPasskey(string flowId, PasskeyAssertionRequest body, [AsParameters] FlowServices services) =>
        SubmitAsync(flowId, LoginTrigger.SubmitPasskey, () => body.Credential!.ToInput(body.RememberDevice ?? false)!, services);

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> ResendCaptcha(string flowId, [AsParameters] FlowServices services) =>
        SubmitAsync(flowId, LoginTrigger.ResendCaptcha, () => StepInput.None, services);

    private static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitCodeAsync(
        string flowId, LoginTrigger action, CodeRequest body, FlowServices services) =>
        SubmitAsync(flowId, action, () => new CodeInput(body.Code!.Trim(), body.RememberDevice ?? false), services);

    /// <summary>The body is well formed here (the group's validation); the action's step decides the rest.</summary>
    private static async Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitAsync(
        string flowId, LoginTrigger action, Func<StepInput> input, FlowServices services) =>
        await FlowHttp.AnswerAsync(await services.Engine.SubmitAsync(flowId, action, input(), services.Client, services.Cancellation), services);
}
