using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Orchestrator.Steps;

/// <summary>What a step's description is built from: the flow as it stands and the policy of this request.</summary>
public sealed record StepView(LoginFlow Flow, LoginPolicy Policy)
{
    public string FlowId => Flow.Id;

    public bool Degraded => Flow.Degraded;

    /// <summary>A second factor may offer "remember this device": on in the settings, never in a degraded flow.</summary>
    public bool OffersRememberDevice => Policy.RememberDeviceDays > 0 && !Degraded;

    /// <summary>The optional field a second factor's action carries when <see cref="OffersRememberDevice"/>.</summary>
    public IEnumerable<StepField> RememberDeviceField => OffersRememberDevice ? [new StepField("rememberDevice", "checkbox", false)] : [];
}

/// <summary>An offered action as the flow answer shows it (api.md <c>actions</c>); always a POST.</summary>
/// <param name="Path">Below the flow's own path: <c>password</c>, <c>captcha/resend</c>.</param>
/// <param name="AuthorizeUrl">Where a browser fetches what the action takes (WeCom's OAuth page), when it comes from elsewhere.</param>
/// <param name="PublicKey">What a browser passes to <c>navigator.credentials.get</c> (WebAuthn's request options), for a passkey.</param>
public sealed record StepAction(string Name, string Path, IReadOnlyList<StepField> Fields, string? AuthorizeUrl = null, PasskeyRequest? PublicKey = null);

/// <summary>WebAuthn's <c>PublicKeyCredentialRequestOptionsJSON</c>: binary values base64url.</summary>
/// <param name="AllowCredentials">The credential ids asked for; empty for a discoverable (passwordless) login.</param>
public sealed record PasskeyRequest(string Challenge, string RpId, IReadOnlyList<string> AllowCredentials, string UserVerification, int Timeout);

/// <param name="Type">text, password, code, email, tel, choice or checkbox.</param>
/// <param name="Options">The allowed values of a <c>choice</c> field.</param>
public sealed record StepField(string Name, string Type, bool Required, IReadOnlyList<string>? Options = null);
