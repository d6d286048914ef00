namespace LoginOrchestrator.Templates;

/// <summary>The default messages of settings.md, in Chinese like the deployments they serve, and in English.</summary>
public static class DefaultTemplates
{
    public static MessageTemplate Email(string language) => IsEnglish(language)
        ? new("{{ app_name }} sign-in code",
              "Hello {{ user_name }}, your verification code is {{ code }}. It is valid for {{ expire_minutes }} minutes. If you did not try to sign in, ignore this email.")
        : new("{{ app_name }} 登录验证码",
              "{{ user_name }},您好:您的验证码为 {{ code }},{{ expire_minutes }} 分钟内有效。如非本人操作,请忽略本邮件。");

    public static MessageTemplate Sms(string language) => IsEnglish(language)
        ? new(null, "[{{ app_name }}] Your code is {{ code }}, valid for {{ expire_minutes }} min. Ignore if not you.")
        : new(null, "【{{ app_name }}】您的验证码为 {{ code }},{{ expire_minutes }} 分钟内有效。如非本人操作请忽略。");

    public static MessageTemplate WeCom(string language) => IsEnglish(language)
        ? new(null, "Your {{ app_name }} verification code is {{ code }}, valid for {{ expire_minutes }} minutes.")
        : new(null, "您的{{ app_name }}验证码为 {{ code }},{{ expire_minutes }} 分钟内有效。");

    private static bool IsEnglish(string language) => language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}
