using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>login-flow.md "Next stage (after the first factor)", rule by rule.</summary>
public static class NextStage
{
    /// <param name="weComMessaging">WeCom app messages can be sent (WeCom is configured and reachable).</param>
    /// <param name="hasPasskey">The user has a registered passkey.</param>
    public static StageDecision Decide(LoginPolicy policy, LoginUser user, bool degraded, bool weComMessaging, bool hasPasskey = false)
    {
        // 1. TOTP enrolled → OtpChallenge; a passkey (where allowed) is asked for there too, or alone.
        if (user.TotpEnabled)
            return new(LoginState.OtpChallenge, StageReason.OtpEnrolled, EnrolOtpRequired: false);
        if (hasPasskey && policy.PasskeysAllowed)
            return new(LoginState.OtpChallenge, StageReason.PasskeyRegistered, EnrolOtpRequired: false);

        // An admin without TOTP is sent to enrol after login, never let through silently.
        var enrolOtp = user.IsAdmin && policy.AdminRequiresOtp;

        // 2. A second factor is required by policy (user in scope) or because the flow is degraded.
        var byPolicy = policy.Type == AuthenticationType.TwoFactor && policy.Scope.Includes(user);
        if (byPolicy || degraded)
        {
            var reason = degraded ? StageReason.DegradedLogin : StageReason.TwoFactorPolicy;
            if (HasTarget(policy.SendMethod, user, weComMessaging))
                return new(LoginState.Captcha, reason, enrolOtp);
            // Nothing can be bound for a WeCom message: without WeCom messaging there is no second factor.
            return degraded || policy.SendMethod == SendMethod.WeCom
                // A stolen password must never be enough to bind a new target.
                ? new(LoginState.Failed, StageReason.SecondFactorUnavailable, enrolOtp)
                : new(LoginState.TwoFactorBind, StageReason.ContactUnbound, enrolOtp);
        }

        // 3. Otherwise the login is issued.
        return new(LoginState.Issued, null, enrolOtp);
    }

    /// <summary>The contact the send method delivers to: a WeCom message goes to the user id itself.</summary>
    public static string? TargetFor(SendMethod method, LoginUser user) => method switch
    {
        SendMethod.Email => string.IsNullOrWhiteSpace(user.Email) ? null : user.Email,
        SendMethod.Sms => string.IsNullOrWhiteSpace(user.Mobile) ? null : user.Mobile,
        SendMethod.WeCom => user.UserId,
        _ => null,
    };

    private static bool HasTarget(SendMethod method, LoginUser user, bool weComMessaging) =>
        method == SendMethod.WeCom ? weComMessaging : TargetFor(method, user) is not null;
}
