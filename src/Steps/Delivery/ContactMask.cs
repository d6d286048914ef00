using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Shows enough of a contact to recognise it, not enough to learn it: z***@corp.com, 138****5678.</summary>
public static class ContactMask
{
    public static string Mask(string channel, string target) => channel switch
    {
        Channels.Email => MaskEmail(target),
        Channels.Sms => MaskMobile(target),
        _ => target,
    };

    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    private static string MaskMobile(string mobile) =>
        mobile.Length < 7 ? "****" : $"{mobile[..3]}****{mobile[^4..]}";
}
