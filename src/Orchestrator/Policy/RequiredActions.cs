namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>What a session must do before anything but <c>/account</c> and <c>/session</c> answers it (api.md <c>requiredActions</c>).</summary>
public static class RequiredActions
{
    /// <summary>An admin without TOTP, while <c>authentication.admin_requires_otp</c> is on.</summary>
    public const string EnrolOtp = "enrol_otp";

    /// <summary>An admin without a passkey, while <c>authentication.admin_requires_passkey</c> (and passkeys) are on.</summary>
    public const string RegisterPasskey = "register_passkey";
}
