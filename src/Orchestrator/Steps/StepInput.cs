namespace LoginOrchestrator.Orchestrator.Steps;

/// <summary>What a client sent with an action, already checked for shape at the HTTP edge.</summary>
public abstract record StepInput
{
    /// <summary>An action without a body (a resend).</summary>
    public static StepInput None { get; } = new NoInput();

    private sealed record NoInput : StepInput;
}

/// <summary>A code: a WeCom OAuth code, a TOTP or recovery code, a captcha.</summary>
/// <param name="RememberDevice">With a second factor: the user asked that this device skip it from now on.</param>
public sealed record CodeInput(string Code, bool RememberDevice = false) : StepInput;

/// <summary>A WebAuthn assertion (what <c>navigator.credentials.get</c> returned), its binary parts decoded.</summary>
/// <param name="UserHandle">Present for a discoverable credential: the user handle given at registration.</param>
public sealed record PasskeyInput(byte[] CredentialId, byte[] ClientDataJson, byte[] AuthenticatorData, byte[] Signature, byte[]? UserHandle, bool RememberDevice = false) : StepInput;
