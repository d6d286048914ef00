namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// The one live captcha code of a flow, as stored: only its hash, which binds it to the flow,
/// the channel and the target it was sent to.
/// </summary>
public sealed record CaptchaCodeRecord(
    string FlowId,
    string Channel,
    string Target,
    byte[] CodeHash,
    DateTimeOffset ExpiresAt,
    int WrongAttempts = 0);
