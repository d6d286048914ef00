namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>The stable codes of api.md: problem codes and flow message codes.</summary>
public static class FlowCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidCredentials = "invalid_credentials";
    public const string CodeInvalid = "code_invalid";
    public const string FlowNotFound = "flow_not_found";
    public const string ActionNotAllowed = "action_not_allowed";
    public const string FlowExpired = "flow_expired";
    public const string CodeExpired = "code_expired";
    public const string Locked = "locked";
    public const string RateLimited = "rate_limited";
    public const string DependencyUnavailable = "dependency_unavailable";

    /// <summary>Another request on the same flow is still being answered (added to api.md's list).</summary>
    public const string FlowBusy = "flow_busy";

    /// <summary>The contact to bind is another active user's (added to api.md's list; it does not say whose).</summary>
    public const string TargetUnavailable = "target_unavailable";

    /// <summary>Recovery is turned off in the settings (<c>recovery.enabled</c>).</summary>
    public const string RecoveryDisabled = "recovery_disabled";

    // Message codes
    public const string WeComUnavailable = "wecom_unavailable";
    public const string SecondFactorUnavailable = "second_factor_unavailable";
    public const string CodeSent = "code_sent";

    /// <summary>A recovery's code went to the account's verified contact, if the user id names such an account.</summary>
    public const string RecoveryCodeSent = "recovery_code_sent";

    /// <summary>A recovery ended <c>Done</c>: the new password signs in, every old session ended.</summary>
    public const string PasswordChanged = "password_changed";

    /// <summary>A recovery ended <c>Failed</c>: the account was disabled or removed after its code was proven.</summary>
    public const string AccountUnavailable = "account_unavailable";

    /// <summary>Codes that only ever name a flow's message, never a refusal.</summary>
    public static IReadOnlyList<string> MessageOnly { get; } = [CodeSent, SecondFactorUnavailable, RecoveryCodeSent, PasswordChanged, AccountUnavailable];
}
