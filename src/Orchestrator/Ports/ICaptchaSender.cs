using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Issues a flow's captcha code and hands it to delivery: for the first code when a flow enters Captcha, a bind and a resend.</summary>
public interface ICaptchaSender
{
    /// <summary>
    /// A new code to <paramref name="target"/> (the flow's old one dies), the flow's ticket updated; past a daily cap,
    /// nothing is sent and the answer says when a code may be sent again.
    /// </summary>
    Task<SendAllowance> SendAsync(StepContext context, LoginUser user, string channel, string target, bool pendingBind);
}
