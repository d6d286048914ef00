using LoginOrchestrator.Steps.Delivery;
using LoginOrchestrator.Templates;
using LoginOrchestrator.Templates.Settings;

namespace LoginOrchestrator.Api.Settings;

/// <summary>The message templates of a channel in a language, as the settings hold them now.</summary>
public sealed class MessageTemplates(SettingsCache settings)
{
    public async Task<(MessageTemplate Template, string? Sender)> ForAsync(string channel, string language, CancellationToken cancellationToken)
    {
        var s = await settings.GetAsync(cancellationToken);
        return channel switch
        {
            Channels.Email => s.Json<EmailConfig>(SettingCatalog.TwoFactor, "email_config") is var email
                ? (MessageLanguage.Email(email, language), email.Sender) : default,
            Channels.Sms => s.Json<SmsConfig>(SettingCatalog.TwoFactor, "sms_config") is var sms
                ? (MessageLanguage.Sms(sms, language), sms.Sender) : default,
            _ => (MessageLanguage.WeCom(s.Json<WeComConfig>(SettingCatalog.TwoFactor, "wecom_config"), language), null),
        };
    }
}
