namespace LoginOrchestrator.Orchestrator.Machine;

/// <summary>Why a stage after the first factor is asked for (api.md <c>reasons</c>).</summary>
public enum StageReason
{
    OtpEnrolled,
    /// <summary>The user has a passkey (and passkeys are allowed): it is asked for, beside TOTP when enrolled.</summary>
    PasskeyRegistered,
    TwoFactorPolicy,
    DegradedLogin,
    ContactUnbound,
    SecondFactorUnavailable,
    /// <summary>The second factor was skipped: this device was remembered after one.</summary>
    RememberedDevice,
}

/// <summary>Where the next-stage policy sends a login once the first factor passed.</summary>
/// <param name="Next">OtpChallenge, Captcha, TwoFactorBind, Failed or Issued.</param>
/// <param name="Reason">Why that stage (none when the login is issued straight away).</param>
/// <param name="EnrolOtpRequired">The session must carry <c>requiredActions: ["enrol_otp"]</c>.</param>
public sealed record StageDecision(LoginState Next, StageReason? Reason, bool EnrolOtpRequired);
