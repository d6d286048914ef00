using System.Net.Mail;
using System.Text.RegularExpressions;

namespace LoginOrchestrator.Orchestrator.Machine;

/// <summary>A contact a user asks to bind for codes in <c>TwoFactorBind</c>.</summary>
public sealed partial record BindTarget(string Channel, string Target)
{
    public const string Email = "email";
    public const string Sms = "sms";

    /// <summary>A contact as typed, in the one form it is stored and compared in: an address in lower case, a number without spaces or dashes.</summary>
    public static BindTarget Of(string channel, string typed) =>
        new(channel, channel == Email ? typed.Trim().ToLowerInvariant() : typed.Trim().Replace(" ", "").Replace("-", ""));

    /// <summary>An email address or a mobile number (E.164, or a mainland 11-digit number) of the named channel.</summary>
    public bool IsValid => Channel switch
    {
        Email => IsEmail(Target),
        Sms => MobileNumber().IsMatch(Target),
        _ => false,
    };

    private static bool IsEmail(string value) =>
        value.Length <= 254
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value
        && address.Host.Contains('.');

    [GeneratedRegex(@"^(\+[1-9]\d{7,14}|1[3-9]\d{9})$")]
    private static partial Regex MobileNumber();
}
