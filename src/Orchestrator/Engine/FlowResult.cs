using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>Why a request was refused; the flow (if any) is still reported as it now stands.</summary>
/// <param name="Code">One of <see cref="FlowCodes"/>.</param>
/// <param name="RetryAfterSeconds">For <c>locked</c> and <c>rate_limited</c>, when known.</param>
/// <param name="Field">For <c>invalid_request</c>: the offending field.</param>
/// <param name="Detail">What is wrong with <paramref name="Field"/>, when the code alone does not say (a password rule).</param>
public sealed record FlowProblem(string Code, int? RetryAfterSeconds = null, string? Field = null, string? Detail = null);

/// <summary>The answer to one request on a flow.</summary>
public sealed record FlowResult(
    LoginFlow? Flow,
    IReadOnlyList<StepAction> Actions,
    DeliveryStatus? Delivery,
    FlowProblem? Problem,
    IssuedSession? Session)
{
    /// <summary>Only in the answer that issued the session, when the user asked that the device be remembered.</summary>
    public DeviceGrant? Device { get; init; }

    /// <summary>Nothing of the request is to be saved (a daily cap on codes): the frame answers with the stored flow.</summary>
    internal bool Unsaved { get; init; }

    public static FlowResult NotFound { get; } = new(null, [], null, new FlowProblem(FlowCodes.FlowNotFound), null);
}
