using LoginOrchestrator.Orchestrator.Engine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LoginOrchestrator.Api.Login;

/// <summary>The login flow endpoints of api.md: read a flow, call the one action it offers.</summary>
public static class LoginFlowsApi
{
    public static RouteGroupBuilder MapLoginFlows(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/login/flows").WithTags("Login flows");
        group.MapPost("/", CreateFlow).WithName("CreateFlow");
        group.MapGet("/{flowId}", GetFlow).WithName("GetFlow");
        group.MapPost("/{flowId}/password", SubmitPassword).WithName("SubmitPassword");
        group.MapPost("/{flowId}/wecom", SubmitWeComCode).WithName("SubmitWeComCode");
        group.MapPost("/{flowId}/otp", SubmitOtp).WithName("SubmitOtp");
        group.MapPost("/{flowId}/recovery-code", SubmitRecoveryCode).WithName("SubmitRecoveryCode");
        group.MapPost("/{flowId}/bind", SubmitBindTarget).WithName("SubmitBindTarget");
        group.MapPost("/{flowId}/captcha/resend", ResendCaptcha).WithName("ResendCaptcha");
        group.MapPost("/{flowId}/captcha", SubmitCaptcha).WithName("SubmitCaptcha");
        return group;
    }

    public static async Task<Results<Created<FlowDto>, ProblemHttpResult>> CreateFlow(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CreateFlowRequest? body,
        [AsParameters] FlowServices services, ReturnUrlPolicy returnUrls)
    {
        if (body?.ReturnTo is { } returnTo && !returnUrls.Allows(returnTo))
            return FlowHttp.Invalid(new() { ["returnTo"] = ["Not an allowed return URL."] });

        var result = await services.Engine.StartAsync(body?.ReturnTo, services.Cancellation);
        var dto = await FlowHttp.DtoAsync(result, services);
        return TypedResults.Created($"{FlowViews.BasePath}/{dto.Id}", dto);
    }

    public static async Task<Results<Ok<FlowDto>, ProblemHttpResult>> GetFlow(string flowId, [AsParameters] FlowServices services) =>
        await FlowHttp.AnswerAsync(await services.Engine.GetAsync(flowId, services.Client, services.Cancellation), services);

    public static async Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitPassword(
        string flowId, PasswordRequest body, [AsParameters] FlowServices services)
    {
        if (FlowRequestRules.Check(body) is { Count: > 0 } errors) return FlowHttp.Invalid(errors);
        return await FlowHttp.AnswerAsync(
            await services.Engine.SubmitPasswordAsync(flowId, body.UserId!.Trim(), body.Password!, services.Client, services.Cancellation), services);
    }

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitWeComCode(string flowId, CodeRequest body, [AsParameters] FlowServices services) =>
        WithCode(body, services, code => services.Engine.SubmitWeComCodeAsync(flowId, code, services.Client, services.Cancellation));

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitOtp(string flowId, CodeRequest body, [AsParameters] FlowServices services) =>
        WithCode(body, services, code => services.Engine.SubmitOtpAsync(flowId, code, services.Client, services.Cancellation));

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitRecoveryCode(string flowId, CodeRequest body, [AsParameters] FlowServices services) =>
        WithCode(body, services, code => services.Engine.SubmitRecoveryCodeAsync(flowId, code, services.Client, services.Cancellation));

    public static Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitCaptcha(string flowId, CodeRequest body, [AsParameters] FlowServices services) =>
        WithCode(body, services, code => services.Engine.SubmitCaptchaAsync(flowId, code, services.Client, services.Cancellation));

    public static async Task<Results<Ok<FlowDto>, ProblemHttpResult>> SubmitBindTarget(
        string flowId, BindRequest body, [AsParameters] FlowServices services)
    {
        if (FlowRequestRules.Check(body) is { Count: > 0 } errors) return FlowHttp.Invalid(errors);
        return await FlowHttp.AnswerAsync(
            await services.Engine.SubmitBindTargetAsync(flowId, body.Channel!, body.Target!, services.Client, services.Cancellation), services);
    }

    public static async Task<Results<Ok<FlowDto>, ProblemHttpResult>> ResendCaptcha(string flowId, [AsParameters] FlowServices services) =>
        await FlowHttp.AnswerAsync(await services.Engine.ResendCaptchaAsync(flowId, services.Client, services.Cancellation), services);

    private static async Task<Results<Ok<FlowDto>, ProblemHttpResult>> WithCode(
        CodeRequest body, FlowServices services, Func<string, Task<FlowResult>> submit)
    {
        if (FlowRequestRules.Check(body) is { Count: > 0 } errors) return FlowHttp.Invalid(errors);
        return await FlowHttp.AnswerAsync(await submit(body.Code!.Trim()), services);
    }
}
