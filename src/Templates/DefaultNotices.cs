using LoginOrchestrator.Templates.Settings;

namespace LoginOrchestrator.Templates;

/// <summary>The built-in account notices (settings <c>notices.*</c>), in Chinese with English variants.</summary>
public static class DefaultNotices
{
    public const string PasswordChanged = "password_changed";
    public const string AccountLocked = "account_locked";
    public const string NewDevice = "new_device";
    public const string RecoveryStarted = "recovery_started";
    public const string ContactChanged = "contact_changed";

    public static IReadOnlyList<string> Keys { get; } = [PasswordChanged, AccountLocked, NewDevice, RecoveryStarted, ContactChanged];

    private const string NotYouZh = "如非本人操作,请立即联系管理员。";
    private const string NotYouEn = "If this was not you, contact your administrator at once.";

    public static NoticeConfig For(string key) => key switch
    {
        PasswordChanged => new(
            "{{ app_name }} 密码已更改",
            "{{ user_name }},您好:您的账号 {{ user_id }} 的密码已于 {{ time }} 更改(IP {{ ip }}),此前的登录已全部退出。" + NotYouZh,
            "Your {{ app_name }} password was changed",
            "Hello {{ user_name }}, the password of your account {{ user_id }} was changed at {{ time }} (IP {{ ip }}) and every earlier sign-in was ended. " + NotYouEn),
        AccountLocked => new(
            "{{ app_name }} 账号已暂时锁定",
            "{{ user_name }},您好:您的账号 {{ user_id }} 因多次验证失败,已于 {{ time }} 被暂时锁定(IP {{ ip }})。" + NotYouZh,
            "Your {{ app_name }} account is locked for now",
            "Hello {{ user_name }}, your account {{ user_id }} was locked for a while at {{ time }} after repeated wrong answers (IP {{ ip }}). " + NotYouEn),
        NewDevice => new(
            "{{ app_name }} 新设备登录",
            "{{ user_name }},您好:您的账号 {{ user_id }} 于 {{ time }} 在新设备上登录:{{ user_agent }}(IP {{ ip }})。" + NotYouZh,
            "New sign-in to {{ app_name }}",
            "Hello {{ user_name }}, your account {{ user_id }} signed in on a new device at {{ time }}: {{ user_agent }} (IP {{ ip }}). " + NotYouEn),
        RecoveryStarted => new(
            "{{ app_name }} 密码找回",
            "{{ user_name }},您好:管理员为您的账号 {{ user_id }} 发起了密码找回。请打开 {{ link }},输入另行发送给您的验证码,然后设置新密码。" + NotYouZh,
            "Recover your {{ app_name }} password",
            "Hello {{ user_name }}, an administrator started a password recovery for your account {{ user_id }}. Open {{ link }}, enter the code we sent you separately, then choose a new password. " + NotYouEn),
        ContactChanged => new(
            "{{ app_name }} 联系方式已更改",
            "{{ user_name }},您好:您的账号 {{ user_id }} 的联系方式已于 {{ time }} 更改为 {{ contact }}(IP {{ ip }})。" + NotYouZh,
            "Your {{ app_name }} contact was changed",
            "Hello {{ user_name }}, a contact of your account {{ user_id }} was changed to {{ contact }} at {{ time }} (IP {{ ip }}). " + NotYouEn),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "No such notice."),
    };

    /// <summary>The variant for a language: English when asked and present, else the default (Chinese).</summary>
    public static MessageTemplate InLanguage(NoticeConfig config, string language) =>
        MessageLanguage.IsEnglish(language) && config.ContentEn is not null
            ? new(config.TitleEn ?? config.Title, config.ContentEn)
            : new(config.Title, config.Content);
}
