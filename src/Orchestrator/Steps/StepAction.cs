using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Orchestrator.Steps;

/// <summary>What a step's description is built from: the flow's id, the policy of this request, whether it is degraded.</summary>
public sealed record StepView(string FlowId, LoginPolicy Policy, bool Degraded = false)
{
    /// <summary>A second factor may offer "remember this device": on in the settings, never in a degraded flow.</summary>
    public bool OffersRememberDevice => Policy.RememberDeviceDays > 0 && !Degraded;

    /// <summary>The optional field a second factor's action carries when <see cref="OffersRememberDevice"/>.</summary>
    public IEnumerable<StepField> RememberDeviceField => OffersRememberDevice ? [new StepField("rememberDevice", "checkbox", false)] : [];
}

/// <summary>An offered action as the flow answer shows it (api.md <c>actions</c>); always a POST.</summary>
/// <param name="Path">Below the flow's own path: <c>password</c>, <c>captcha/resend</c>.</param>
/// <param name="AuthorizeUrl">Where a browser fetches what the action takes (WeCom's OAuth page), when it comes from elsewhere.</param>
public sealed record StepAction(string Name, string Path, IReadOnlyList<StepField> Fields, string? AuthorizeUrl = null);

/// <param name="Type">text, password, code, email, tel, choice or checkbox.</param>
/// <param name="Options">The allowed values of a <c>choice</c> field.</param>
public sealed record StepField(string Name, string Type, bool Required, IReadOnlyList<string>? Options = null);
