using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Orchestrator.Steps;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.Recovery;

/// <summary>Recovery results to HTTP: 200 with the flow, or a problem document carrying the flow as it now stands.</summary>
public static class RecoveryViews
{
    public const string BasePath = "/api/v1/recovery/flows";

    /// <summary>The page a recovery link opens.</summary>
    public static string PagePath(string flowId) => $"/recover/?flow={Uri.EscapeDataString(flowId)}";

    public static RecoveryFlowDto ToDto(RecoveryResult result)
    {
        var flow = result.Flow!;
        return new RecoveryFlowDto(
            flow.Id,
            flow.State.ToString(),
            flow.ExpiresAt,
            [.. result.Actions.Select(a => Action(flow.Id, a))],
            flow.AttemptsRemaining,
            flow is { State: RecoveryState.Verify, Code: { } c } ? new RecoveryCodeDto(c.ExpiresAt, c.ResendAvailableAt) : null,
            flow.Message is { } code ? [new FlowMessageDto(FlowTexts.Severity(code), code, FlowTexts.For(code))] : []);
    }

    public static Results<Ok<RecoveryFlowDto>, ProblemHttpResult> Answer(RecoveryResult result, HttpContext http) =>
        result.Problem is null ? TypedResults.Ok(ToDto(result)) : Problem(result, http);

    public static ProblemHttpResult Problem(RecoveryResult result, HttpContext http)
    {
        var problem = result.Problem!;
        // A password rule names what is wrong; any other refusal reads as its code.
        return new Refusal(problem.Code, problem.Detail ?? FlowTexts.For(problem.Code), problem.Field, problem.RetryAfterSeconds)
        {
            Extensions = result.Flow is null ? null : new Dictionary<string, object?> { ["flow"] = ToDto(result) },
        }.ToProblem(http);
    }

    private static FlowActionDto Action(string flowId, StepAction action) =>
        new(action.Name, "POST", $"{BasePath}/{flowId}/{action.Path}",
            [.. action.Fields.Select(f => new FlowFieldDto(f.Name, f.Type, f.Required, f.Options))]);
}
