using System.Globalization;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.Login;

/// <summary>What every flow handler needs, bundled for <c>[AsParameters]</c>.</summary>
public sealed record FlowServices(LoginFlowEngine Engine, HttpContext Http)
{
    public ClientInfo Client => new(
        Http.Connection.RemoteIpAddress?.ToString(),
        Http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
        CultureInfo.CurrentUICulture.Name);

    public CancellationToken Cancellation => Http.RequestAborted;
}

/// <summary>Maps engine results to HTTP: 200 with the flow, or a problem document that carries the flow as it now stands.</summary>
public static class FlowHttp
{
    public static int StatusOf(string code) => code switch
    {
        FlowCodes.InvalidRequest => StatusCodes.Status400BadRequest,
        FlowCodes.InvalidCredentials or FlowCodes.CodeInvalid => StatusCodes.Status401Unauthorized,
        FlowCodes.FlowNotFound => StatusCodes.Status404NotFound,
        FlowCodes.ActionNotAllowed or FlowCodes.FlowBusy or FlowCodes.TargetUnavailable => StatusCodes.Status409Conflict,
        FlowCodes.FlowExpired or FlowCodes.CodeExpired => StatusCodes.Status410Gone,
        FlowCodes.Locked => StatusCodes.Status423Locked,
        FlowCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        FlowCodes.DependencyUnavailable or FlowCodes.WeComUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public static Results<Ok<FlowDto>, ProblemHttpResult> Answer(FlowResult result, FlowServices services) =>
        result.Problem is null ? TypedResults.Ok(FlowViews.ToDto(result)) : Problem(result, services);

    public static ProblemHttpResult Problem(FlowResult result, FlowServices services)
    {
        var problem = result.Problem!;
        var extensions = new Dictionary<string, object?> { ["code"] = problem.Code };
        if (result.Flow is not null) extensions["flow"] = FlowViews.ToDto(result);
        if (problem.RetryAfterSeconds is { } retryAfter)
        {
            extensions["retryAfter"] = retryAfter;
            services.Http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }
        // The field's message is the problem's own: "malformed" for invalid_request, "use another" for target_unavailable.
        if (problem.Field is { } field) extensions["errors"] = new Dictionary<string, string[]> { [field] = [FlowTexts.For(problem.Code)] };

        var status = StatusOf(problem.Code);
        return TypedResults.Problem(FlowTexts.For(problem.Code), statusCode: status, title: ApiProblems.TitleOf(status), extensions: extensions);
    }

    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        ApiProblems.InvalidRequest(FlowTexts.For(FlowCodes.InvalidRequest), errors);
}
