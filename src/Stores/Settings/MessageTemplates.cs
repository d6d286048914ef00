using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Templates.Settings;
using LoginOrchestrator.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Stores.Settings;

/// <summary>The message templates of a channel in a language, as the settings hold them now.</summary>
public sealed class MessageTemplates(SettingsCache settings, IServiceScopeFactory scopes, TimeProvider time) : IMessageTemplates
{
    /// <summary>The setting key that holds a channel's templates.</summary>
    public static string KeyOf(string channel) => channel switch
    {
        Channels.Email => "email_config",
        Channels.Sms => "sms_config",
        _ => "wecom_config",
    };

    /// <summary>Only the first failure since the template was saved is written: a broken template costs one write, not one per message.</summary>
    public Task RecordFailureAsync(string channel, string reason, CancellationToken cancellationToken) =>
        RecordAsync(SettingCatalog.TwoFactor, KeyOf(channel), reason, cancellationToken);

    public Task RecordNoticeFailureAsync(string key, string reason, CancellationToken cancellationToken) =>
        RecordAsync(SettingCatalog.Notices, key, reason, cancellationToken);

    public async Task<SavedMessageTemplate> NoticeAsync(string key, string language, CancellationToken cancellationToken)
    {
        var s = await settings.GetAsync(cancellationToken);
        var template = DefaultNotices.InLanguage(s.Json<NoticeConfig>(SettingCatalog.Notices, key), language);
        return new SavedMessageTemplate(template.Title, template.Content, s.Json<EmailConfig>(SettingCatalog.TwoFactor, "email_config").Sender);
    }

    private async Task RecordAsync(string @namespace, string key, string reason, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        var now = time.GetUtcNow();
        var text = reason.Length > 512 ? reason[..512] : reason;
        await db.Settings.Where(s => s.Meta!.Namespace == @namespace && s.Meta.Key == key && s.RenderFailure == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RenderFailure, text).SetProperty(s => s.RenderFailedAt, now), cancellationToken);
    }

    public async Task<SavedMessageTemplate> ForAsync(string channel, string language, CancellationToken cancellationToken)
    {
        var s = await settings.GetAsync(cancellationToken);
        var (template, sender) = channel switch
        {
            Channels.Email => s.Json<EmailConfig>(SettingCatalog.TwoFactor, "email_config") is var email
                ? (MessageLanguage.Email(email, language), email.Sender) : default,
            Channels.Sms => s.Json<SmsConfig>(SettingCatalog.TwoFactor, "sms_config") is var sms
                ? (MessageLanguage.Sms(sms, language), sms.Sender) : default,
            _ => (MessageLanguage.WeCom(s.Json<WeComConfig>(SettingCatalog.TwoFactor, "wecom_config"), language), null),
        };
        return new SavedMessageTemplate(template.Title, template.Content, sender);
    }
}
