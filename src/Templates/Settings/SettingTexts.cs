namespace LoginOrchestrator.Templates.Settings;

/// <summary>
/// What the console calls each setting and what it says of it, in zh-CN and en (the catalog's description is the
/// English one). The namespaces have names of their own.
/// </summary>
public static class SettingTexts
{
    public sealed record Text(string Label, string LabelEn, string Description);

    private static readonly Dictionary<string, Text> Settings = new()
    {
        ["authentication.type"] = new("第二步验证方式", "Second factor", "登录时要求的第二步验证：无，或验证码（two_factor）。"),
        ["authentication.admin_requires_otp"] = new("管理员必须启用身份验证器", "Admins must use TOTP", "没有身份验证器（TOTP）的管理员登录后须先启用。"),
        ["authentication.password_fallback_enabled"] = new("企业微信不可用时允许本地密码", "Local password while WeCom is down", "企业微信不可用时，本地密码仍可登录（降级，并强制第二步验证）。"),
        ["authentication.reauthentication_seconds"] = new("敏感操作的登录时效（秒）", "Recent login for sensitive changes (s)", "不输入当前密码进行敏感的账号修改（首次启用 TOTP、首次设置密码）时，登录必须在此时间内。"),
        ["authentication.passkeys_allowed"] = new("允许通行密钥", "Passkeys allowed", "用户可以注册通行密钥（Passkey）并用它登录：作为第二步验证，或免密码登录（带用户验证的通行密钥相当于两步验证）。"),
        ["authentication.admin_requires_passkey"] = new("管理员必须注册通行密钥", "Admins must register a passkey", "没有通行密钥的管理员登录后须先注册一个，才能使用管理功能（允许通行密钥时）。"),
        ["authentication.remember_device_days"] = new("记住设备天数", "Remember a device (days)", "完成第二步验证后勾选“记住此设备”，该设备在这些天内免第二步验证（0：不提供）。"),
        ["two_factor.send_method"] = new("验证码发送方式", "Where codes go", "验证码通过邮件、短信或企业微信发送。"),
        ["two_factor.expire_seconds"] = new("验证码有效期（秒）", "Code lifetime (s)", "一个验证码的有效时间。"),
        ["two_factor.code_length"] = new("验证码位数", "Code length", "验证码的数字位数。"),
        ["two_factor.scope"] = new("第二步验证范围", "Who needs a second factor", "哪些用户需要第二步验证（按类别、部门、用户）；全部为空表示所有人。"),
        ["two_factor.email_config"] = new("验证码邮件", "Code mail", "验证码邮件的标题和内容模板（含英文版本）及发件人名称。"),
        ["two_factor.sms_config"] = new("验证码短信", "Code SMS", "验证码短信的内容模板（含英文版本）和签名。"),
        ["two_factor.wecom_config"] = new("验证码企业微信消息", "Code WeCom message", "验证码企业微信消息的内容模板（含英文版本）。"),
        ["two_factor.otp_issuer"] = new("身份验证器中的发行方", "Authenticator issuer", "身份验证器应用在账号旁显示的发行方名称（otpauth:// 中的 issuer）。"),
        ["two_factor.otp_account"] = new("身份验证器中的账号名", "Authenticator account name", "身份验证器应用中用什么标识账号：用户 ID 或邮箱。"),
        ["two_factor.shared_contacts_allowed"] = new("允许共用联系方式", "Shared contacts allowed", "同一个邮箱或手机号可以绑定多个启用的用户。"),
        ["flow.lifetime_seconds"] = new("登录流程有效期（秒）", "Login flow lifetime (s)", "一次登录流程的有效时间。"),
        ["flow.max_attempts"] = new("每次登录允许的错误次数", "Wrong answers per login", "一次登录流程在锁定前允许的错误次数。"),
        ["session.absolute_lifetime_seconds"] = new("会话最长有效期（秒）", "Session lifetime (s)", "会话的绝对有效期。"),
        ["session.idle_timeout_seconds"] = new("会话空闲超时（秒）", "Session idle timeout (s)", "会话闲置超过此时间即失效。"),
        ["lockout.max_failures"] = new("锁定前的密码错误次数", "Wrong passwords before lock-out", "每个用户在账号锁定前允许的密码错误次数。"),
        ["lockout.wait_increment_seconds"] = new("每次锁定增加的等待（秒）", "Added wait per lock-out (s)", "每多锁定一次，等待时间增加多少。"),
        ["lockout.max_wait_seconds"] = new("最长锁定时间（秒）", "Longest lock-out (s)", "最长的锁定等待时间。"),
        ["audit.retention_days"] = new("审计保留天数", "Audit retention (days)", "早于此天数的审计记录（登录、账号操作、管理操作）由清理任务删除。"),
        ["recovery.enabled"] = new("允许找回密码", "Password recovery", "忘记密码时，可通过发送到已验证联系方式的验证码找回（启用 TOTP 的账号还需 TOTP）。"),
        ["recovery.lifetime_seconds"] = new("找回流程有效期（秒）", "Recovery lifetime (s)", "用户发起的一次密码找回的有效时间。"),
        ["recovery.admin_link_hours"] = new("管理员发送的找回有效期（小时）", "Admin-sent recovery lifetime (h)", "管理员发送的密码找回及其验证码的有效时间。"),
        ["notices.password_changed"] = new("密码已更改通知", "Password changed notice", "密码更改后发给用户的通知邮件：标题和内容模板（含英文版本）。"),
        ["notices.account_locked"] = new("账号已锁定通知", "Account locked notice", "账号被锁定时发给用户的通知邮件：标题和内容模板（含英文版本）。"),
        ["notices.new_device"] = new("新设备登录通知", "New device notice", "从新设备登录时发给用户的通知邮件：标题和内容模板（含英文版本）。"),
        ["notices.recovery_started"] = new("密码找回通知", "Recovery started notice", "管理员发起密码找回时发给用户的邮件（含继续找回的链接）：标题和内容模板（含英文版本）。"),
        ["notices.contact_changed"] = new("联系方式已更改通知", "Contact changed notice", "联系方式更改时发给原已验证邮箱的通知：标题和内容模板（含英文版本）。"),
        ["directory.sync_interval_minutes"] = new("通讯录同步间隔（分钟）", "Directory sync interval (min)", "多久从企业微信通讯录同步一次用户（0：仅管理员手动发起）。"),
        ["directory.max_disable_percent"] = new("单次同步最多停用比例（%）", "Most a sync may disable (%)", "一次同步最多可停用的通讯录用户比例；超过则本次同步不做任何更改。"),
        ["rate_limits.known_networks"] = new("已知网络", "Known networks", "这些网络（CIDR）中的每个地址使用下面的已知网络限额，而非默认限额：如办公室的 NAT 出口地址、VPN 出口。"),
        ["rate_limits.known_network_attempts_per_minute"] = new("已知网络每分钟尝试次数", "Known network: attempts per minute", "已知网络中的一个地址每分钟可发起的登录流程与错误回答次数。"),
        ["rate_limits.known_network_failures_per_hour"] = new("已知网络每小时错误次数", "Known network: wrong answers per hour", "已知网络中的一个地址每小时允许的错误回答次数。"),
        ["rate_limits.known_network_codes_per_day"] = new("已知网络每天验证码数", "Known network: codes per day", "已知网络中的一个地址每天（UTC）可触发发送的验证码数量。"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> Namespaces = new()
    {
        [SettingCatalog.Authentication] = ("登录", "Sign-in"),
        [SettingCatalog.TwoFactor] = ("第二步验证", "Second factor"),
        [SettingCatalog.Flow] = ("登录流程", "Login flow"),
        [SettingCatalog.Session] = ("会话", "Sessions"),
        [SettingCatalog.Lockout] = ("锁定", "Lock-out"),
        [SettingCatalog.Audit] = ("审计", "Audit"),
        [SettingCatalog.Recovery] = ("找回密码", "Password recovery"),
        [SettingCatalog.Notices] = ("通知邮件", "Notice mails"),
        [SettingCatalog.DirectoryNamespace] = ("通讯录", "Directory"),
        [SettingCatalog.RateLimits] = ("限流", "Rate limits"),
    };

    /// <summary>The setting's label and description in English, or else in zh-CN.</summary>
    public static (string Label, string Description) For(SettingDefinition setting, bool english)
    {
        var text = Settings[$"{setting.Namespace}.{setting.Key}"];
        return english ? (text.LabelEn, setting.Description) : (text.Label, text.Description);
    }

    public static string NamespaceLabel(string @namespace, bool english) =>
        Namespaces.TryGetValue(@namespace, out var label) ? english ? label.En : label.Zh : @namespace;

    /// <summary>Every setting the catalog has, that has no text here (a test keeps this empty).</summary>
    public static IEnumerable<string> Missing() =>
        SettingCatalog.All.Select(d => $"{d.Namespace}.{d.Key}").Where(key => !Settings.ContainsKey(key))
            .Concat(SettingCatalog.Namespaces.Where(n => !Namespaces.ContainsKey(n)));
}
