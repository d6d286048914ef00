using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>WeCom could not answer: PasswordFallback when allowed, else back to Credentials with no attempt counted.</summary>
public static class DirectoryOutage
{
    public static StepOutcome Enter(StepContext context, DirectoryAnswer.Unavailable unavailable, ILogger logger)
    {
        logger.LogWarning("WeCom directory unavailable for flow {FlowId}: {Reason}", context.Flow.Id, unavailable.Reason);
        context.Machine.Fire(LoginTrigger.DirectoryUnavailable);
        context.Flow.Message = FlowCodes.WeComUnavailable;
        return context.Flow.State == LoginState.PasswordFallback ? StepOutcome.Answered : StepOutcome.Refuse(FlowCodes.WeComUnavailable);
    }
}
