using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Steps.Delivery;

namespace LoginOrchestrator.Api.Login;

/// <summary>Turns an engine result into the flow object: the actions come from the machine, not from the state's name.</summary>
public static class FlowViews
{
    public const string BasePath = "/api/v1/login/flows";

    /// <param name="weComAuthorizeUrl">WeCom's OAuth page for a flow, when WeCom is configured; built only when offered.</param>
    public static FlowDto ToDto(FlowResult result, SendMethod sendMethod, Func<string, string?>? weComAuthorizeUrl = null)
    {
        var flow = result.Flow!;
        return new FlowDto(
            flow.Id,
            flow.State.ToString(),
            flow.ExpiresAt,
            [.. result.Actions.Select(a => Action(flow.Id, a, sendMethod, weComAuthorizeUrl))],
            flow.UserId is null ? null : new FlowUserDto(flow.UserId, flow.UserName ?? flow.UserId),
            [.. flow.Factors.Select(FlowNames.Factor)],
            [.. flow.Reasons.Select(FlowNames.Reason)],
            flow.Degraded,
            flow.AttemptsRemaining,
            flow is { State: LoginState.Captcha, Captcha: { } c }
                ? new FlowCaptchaDto(c.Channel, c.MaskedTarget, c.ExpiresAt, c.ResendAvailableAt, result.Delivery is { } d ? FlowNames.Delivery(d) : null)
                : null,
            flow.Message is { } code ? [new FlowMessageDto(FlowTexts.Severity(code), code, FlowTexts.For(code))] : [],
            result.Session is { } s ? new FlowSessionDto(s.Token, s.ExpiresAt) : null,
            flow.ReturnTo);
    }

    private static FlowActionDto Action(string flowId, LoginTrigger action, SendMethod sendMethod, Func<string, string?>? weComAuthorizeUrl)
    {
        var href = $"{BasePath}/{flowId}";
        return action switch
        {
            LoginTrigger.SubmitPassword => new("submitPassword", "POST", $"{href}/password",
                [new("userId", "text", true), new("password", "password", true)]),
            LoginTrigger.SubmitWeComCode => new("submitWeComCode", "POST", $"{href}/wecom", [new("code", "text", true)], weComAuthorizeUrl?.Invoke(flowId)),
            LoginTrigger.SubmitOtp => new("submitOtp", "POST", $"{href}/otp", [new("code", "code", true)]),
            LoginTrigger.SubmitRecoveryCode => new("submitRecoveryCode", "POST", $"{href}/recovery-code", [new("code", "text", true)]),
            LoginTrigger.SubmitBindTarget => new("submitBindTarget", "POST", $"{href}/bind",
                [new("channel", "choice", true, [sendMethod == SendMethod.Sms ? Channels.Sms : Channels.Email]),
                 new("target", sendMethod == SendMethod.Sms ? "tel" : "email", true)]),
            LoginTrigger.ResendCaptcha => new("resendCaptcha", "POST", $"{href}/captcha/resend", []),
            LoginTrigger.SubmitCaptcha => new("submitCaptcha", "POST", $"{href}/captcha", [new("code", "code", true)]),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not an external action."),
        };
    }
}
