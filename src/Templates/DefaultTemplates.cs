using LoginOrchestrator.Templates.Settings;

namespace LoginOrchestrator.Templates;

/// <summary>The default messages of settings.md, in Chinese like the deployments they serve, with English variants.</summary>
public static class DefaultTemplates
{
    public static EmailConfig EmailConfig { get; } = new(
        Title: "{{ app_name }} 登录验证码",
        Sender: "LoginOrchestrator",
        Content: "{{ user_name }},您好:您的验证码为 {{ code }},{{ expire_minutes }} 分钟内有效。如非本人操作,请忽略本邮件。",
        TitleEn: "{{ app_name }} sign-in code",
        ContentEn: "Hello {{ user_name }}, your verification code is {{ code }}. It is valid for {{ expire_minutes }} minutes. If you did not try to sign in, ignore this email.");

    public static SmsConfig SmsConfig { get; } = new(
        Sender: "LoginOrchestrator",
        Content: "【{{ app_name }}】您的验证码为 {{ code }},{{ expire_minutes }} 分钟内有效。如非本人操作请忽略。",
        ContentEn: "[{{ app_name }}] Your code is {{ code }}, valid for {{ expire_minutes }} min. Ignore if not you.");

    /// <summary>The built-in message of a channel (email, sms, wecom): what is sent when the saved one cannot be.</summary>
    public static MessageTemplate For(string channel, string language) => channel switch
    {
        "email" => MessageLanguage.Email(EmailConfig, language),
        "sms" => MessageLanguage.Sms(SmsConfig, language),
        _ => MessageLanguage.WeCom(WeComConfig, language),
    };

    public static WeComConfig WeComConfig { get; } = new(
        Content: "您的{{ app_name }}验证码为 {{ code }},{{ expire_minutes }} 分钟内有效。",
        ContentEn: "Your {{ app_name }} verification code is {{ code }}, valid for {{ expire_minutes }} minutes.");
}

/// <summary>Picks the variant of a message for a language: English when asked and present, else the default (Chinese).</summary>
public static class MessageLanguage
{
    public static bool IsEnglish(string language) => language.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static MessageTemplate Email(EmailConfig config, string language) => IsEnglish(language) && config.ContentEn is not null
        ? new(config.TitleEn ?? config.Title, config.ContentEn)
        : new(config.Title, config.Content);

    public static MessageTemplate Sms(SmsConfig config, string language) =>
        new(null, IsEnglish(language) && config.ContentEn is not null ? config.ContentEn : config.Content);

    public static MessageTemplate WeCom(WeComConfig config, string language) =>
        new(null, IsEnglish(language) && config.ContentEn is not null ? config.ContentEn : config.Content);
}
