using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Api.Login;

/// <summary>Turns an engine result into the flow object: the actions are the machine's, described by their steps.</summary>
public static class FlowViews
{
    public const string BasePath = "/api/v1/login/flows";

    public static FlowDto ToDto(FlowResult result)
    {
        var flow = result.Flow!;
        return new FlowDto(
            flow.Id,
            flow.State.ToString(),
            flow.ExpiresAt,
            [.. result.Actions.Select(a => Action(flow.Id, a))],
            flow.UserId is null ? null : new FlowUserDto(flow.UserId, flow.UserName ?? flow.UserId),
            [.. flow.Factors.Select(FlowNames.Factor)],
            [.. flow.Reasons.Select(FlowNames.Reason)],
            flow.Degraded,
            flow.AttemptsRemaining,
            flow is { State: LoginState.Captcha, Captcha: { } c }
                ? new FlowCaptchaDto(c.Channel, c.MaskedTarget, c.ExpiresAt, c.ResendAvailableAt, result.Delivery is { } d ? FlowNames.Delivery(d) : null)
                : null,
            flow.Message is { } code ? [new FlowMessageDto(FlowTexts.Severity(code), code, FlowTexts.For(code))] : [],
            result.Session is { } s
                ? new FlowSessionDto(s.Token, s.ExpiresAt, result.Device is { } device ? new FlowDeviceDto(device.Token, device.ExpiresAt) : null)
                : null,
            flow.ReturnTo);
    }

    /// <summary>Each action as its step describes it; every action is a POST below the flow's path.</summary>
    private static FlowActionDto Action(string flowId, StepAction action) =>
        new(action.Name, "POST", $"{BasePath}/{flowId}/{action.Path}",
            [.. action.Fields.Select(f => new FlowFieldDto(f.Name, f.Type, f.Required, f.Options))], action.AuthorizeUrl, action.PublicKey is { } request ? PasskeyRequestDto.Of(request) : null);
}
