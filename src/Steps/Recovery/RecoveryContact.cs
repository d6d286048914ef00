using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.Recovery;

/// <summary>
/// Where an account's recovery code goes: a proven contact only (an address an admin typed is not proven), the send
/// method of the settings first, then email, SMS, a WeCom message (WeCom up, the user still a member).
/// </summary>
public static class RecoveryContact
{
    public static (string Channel, string Target)? For(LoginUser user, SendMethod preferred, bool weComMessaging)
    {
        var proven = new List<(SendMethod Method, string Channel, string? Target)>
        {
            (SendMethod.Email, Channels.Email, user.EmailVerified ? user.Email : null),
            (SendMethod.Sms, Channels.Sms, user.MobileVerified ? user.Mobile : null),
            (SendMethod.WeCom, Channels.WeCom, weComMessaging && !user.LeftDirectory ? user.UserId : null),
        };
        foreach (var (method, channel, target) in proven.OrderBy(c => c.Method == preferred ? 0 : 1))
            if (!string.IsNullOrWhiteSpace(target)) return (channel, target);
        return null;
    }
}
