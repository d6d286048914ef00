namespace LoginOrchestrator.Api.Login;

/// <summary>The flow object of api.md.</summary>
public sealed record FlowDto(
    string Id,
    string State,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<FlowActionDto> Actions,
    FlowUserDto? User,
    IReadOnlyList<string> Factors,
    IReadOnlyList<string> Reasons,
    bool Degraded,
    int AttemptsRemaining,
    FlowCaptchaDto? Captcha,
    IReadOnlyList<FlowMessageDto> Messages,
    FlowSessionDto? Session,
    string? ReturnTo);

/// <param name="AuthorizeUrl">Only on <c>submitWeComCode</c>: where a browser gets the code (WeCom's OAuth page, back with <c>?code=…&amp;state=&lt;flow id&gt;</c>).</param>
/// <param name="PublicKey">Only on <c>submitPasskey</c>: the options for <c>navigator.credentials.get</c> (WebAuthn's <c>PublicKeyCredentialRequestOptionsJSON</c>).</param>
public sealed record FlowActionDto(string Name, string Method, string Href, IReadOnlyList<FlowFieldDto> Fields, string? AuthorizeUrl = null, PasskeyRequestDto? PublicKey = null);

/// <param name="Challenge">base64url; good for one answer on the flow as it stands.</param>
/// <param name="AllowCredentials">The user's passkeys, as a second factor; empty for a passwordless login (any discoverable passkey).</param>
/// <param name="Timeout">Milliseconds.</param>
public sealed record PasskeyRequestDto(string Challenge, string RpId, IReadOnlyList<PasskeyCredentialRefDto> AllowCredentials, string UserVerification, int Timeout)
{
    public static PasskeyRequestDto Of(Orchestrator.Steps.PasskeyRequest request) => new(
        request.Challenge, request.RpId, [.. request.AllowCredentials.Select(id => new PasskeyCredentialRefDto("public-key", id))], request.UserVerification, request.Timeout);
}

public sealed record PasskeyCredentialRefDto(string Type, string Id);

/// <param name="Type">text, password, code, email, tel, choice or checkbox (a boolean).</param>
/// <param name="Options">The allowed values of a <c>choice</c> field.</param>
public sealed record FlowFieldDto(string Name, string Type, bool Required, IReadOnlyList<string>? Options = null);

public sealed record FlowUserDto(string UserId, string Name);

public sealed record FlowCaptchaDto(string Channel, string MaskedTarget, DateTimeOffset ExpiresAt, DateTimeOffset ResendAvailableAt, string? Delivery);

/// <param name="Type">error, warning or info.</param>
public sealed record FlowMessageDto(string Type, string Code, string Text);

/// <summary>Only in the one response that moves the flow to Issued.</summary>
/// <param name="RememberedDevice">When the user asked that this device be remembered: its token (also set as an HttpOnly cookie).</param>
public sealed record FlowSessionDto(string Token, DateTimeOffset ExpiresAt, FlowDeviceDto? RememberedDevice = null);

/// <summary>A remembered device's token, for clients without cookies: sent back as <c>X-Remembered-Device</c>.</summary>
public sealed record FlowDeviceDto(string Token, DateTimeOffset ExpiresAt);
