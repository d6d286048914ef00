using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>The names api.md gives the machine's vocabulary on the wire.</summary>
public static class FlowNames
{
    public static string Factor(LoginFactor factor) => factor switch
    {
        LoginFactor.Password => "password",
        LoginFactor.WeCom => "wecom",
        LoginFactor.Otp => "otp",
        LoginFactor.RecoveryCode => "recovery_code",
        LoginFactor.Captcha => "captcha",
        LoginFactor.RememberedDevice => "remembered_device",
        LoginFactor.Passkey => "passkey",
        LoginFactor.SyncedPasskey => "synced_passkey",
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, null),
    };

    public static string Reason(StageReason reason) => reason switch
    {
        StageReason.OtpEnrolled => "otp_enrolled",
        StageReason.PasskeyRegistered => "passkey_registered",
        StageReason.TwoFactorPolicy => "two_factor_policy",
        StageReason.DegradedLogin => "degraded_login",
        StageReason.ContactUnbound => "contact_unbound",
        StageReason.SecondFactorUnavailable => "second_factor_unavailable",
        StageReason.RememberedDevice => "remembered_device",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static string Delivery(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Queued => "queued",
        DeliveryStatus.Sent => "sent",
        DeliveryStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
