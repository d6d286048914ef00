namespace LoginOrchestrator.Orchestrator.Machine;

/// <summary>
/// Facts about the deployment and the moment that the machine's guards read.
/// They are gathered before the machine is built, so every guard stays a pure function.
/// </summary>
/// <param name="WeComConfigured">WeCom credentials are set for this deployment.</param>
/// <param name="PasswordFallbackEnabled">Setting <c>authentication.password_fallback_enabled</c>.</param>
/// <param name="Now">The request's clock reading, for the resend cooldown.</param>
/// <param name="PasskeysAllowed">Setting <c>authentication.passkeys_allowed</c>.</param>
public sealed record LoginConditions(bool WeComConfigured, bool PasswordFallbackEnabled, DateTimeOffset Now, bool PasskeysAllowed = false);
