using System.Reflection;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Engine;

namespace LoginOrchestrator.Api.Login;

/// <summary>
/// The flow groups' validation: a malformed body is refused (400, naming each field) before its handler runs and before
/// the flow is touched. Only handlers that take a body are wrapped: a filter makes the framework box every argument
/// and await one more delegate, which a read of a flow (the most frequent request) need not pay.
/// </summary>
public static class FlowRequestValidation
{
    public static TBuilder ValidateFlowRequests<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var bodies = BodyPositions(factory.MethodInfo);
            if (bodies.Length == 0) return next;
            return invocation =>
            {
                foreach (var position in bodies)
                {
                    if (invocation.Arguments[position] is IFlowRequest body && body.Check() is { Count: > 0 } errors)
                        return ValueTask.FromResult<object?>(Refusal.Invalid(FlowTexts.For(FlowCodes.InvalidRequest), errors).ToProblem(invocation.HttpContext));
                }
                return next(invocation);
            };
        });

    private static int[] BodyPositions(MethodInfo handler) =>
        [.. handler.GetParameters().Where(p => typeof(IFlowRequest).IsAssignableFrom(p.ParameterType)).Select(p => p.Position)];
}
