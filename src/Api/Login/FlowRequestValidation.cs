using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Engine;

namespace LoginOrchestrator.Api.Login;

/// <summary>
/// The login flows group's validation: a malformed body is refused (400, naming each field) before its handler runs
/// and before the flow is touched.
/// </summary>
public sealed class FlowRequestValidation : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IFlowRequest body && body.Check() is { Count: > 0 } errors)
                return Refusal.Invalid(FlowTexts.For(FlowCodes.InvalidRequest), errors).ToProblem(context.HttpContext);
        }
        return await next(context);
    }
}
