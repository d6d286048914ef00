using System.Text.Json;

namespace LoginOrchestrator.Templates.Settings;

/// <summary>Every namespace and key of settings.md, with its type, range and default.</summary>
public static class SettingCatalog
{
    public const string Authentication = "authentication";
    public const string TwoFactor = "two_factor";
    public const string Flow = "flow";
    public const string Session = "session";
    public const string Lockout = "lockout";
    public const string Audit = "audit";
    public const string Recovery = "recovery";
    public const string Notices = "notices";
    public const string DirectoryNamespace = "directory";
    public const string RateLimits = "rate_limits";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new(Authentication, "type", SettingType.Enum, "Which second factor the login asks for.", "\"none\"") { Choices = ["none", "two_factor"] },
        new(Authentication, "admin_requires_otp", SettingType.Bool, "Admins without TOTP must enrol after login.", "true"),
        new(Authentication, "password_fallback_enabled", SettingType.Bool, "While WeCom is down, local passwords still sign in (degraded).", "true"),

        new(TwoFactor, "send_method", SettingType.Enum, "Where captcha codes go.", "\"email\"") { Choices = ["email", "sms", "wecom"] },
        new(TwoFactor, "expire_seconds", SettingType.Int, "How long a captcha code lives.", "300") { Min = 60, Max = 600 },
        new(TwoFactor, "code_length", SettingType.Int, "Digits of a captcha code.", "6") { Min = 6, Max = 8 },
        new(TwoFactor, "scope", SettingType.Json, "Who two-factor applies to; all lists empty means everyone.",
            """{"categories":[],"departments":[],"profiles":[]}""")
        {
            Fields = [new("categories", JsonFieldKind.StringList), new("departments", JsonFieldKind.StringList), new("profiles", JsonFieldKind.StringList)],
            ExampleJson = """{"categories":[],"departments":["2"],"profiles":["zhangsan"]}""",
        },
        new(TwoFactor, "email_config", SettingType.Json, "The code mail: title and content templates (with English variants), sender name.",
            Serialize(DefaultTemplates.EmailConfig))
        {
            Fields =
            [
                new("title", JsonFieldKind.String, Template: true, MaxLength: 200), new("sender", JsonFieldKind.String, MaxLength: 100),
                new("content", JsonFieldKind.String, Template: true, CarriesCode: true),
                new("title_en", JsonFieldKind.String, Required: false, Template: true, MaxLength: 200),
                new("content_en", JsonFieldKind.String, Required: false, Template: true, CarriesCode: true),
            ],
        },
        new(TwoFactor, "sms_config", SettingType.Json, "The code SMS: content template (with an English variant), sender signature.",
            Serialize(DefaultTemplates.SmsConfig))
        {
            Fields =
            [
                new("sender", JsonFieldKind.String, MaxLength: 100), new("content", JsonFieldKind.String, Template: true, MaxLength: 500, CarriesCode: true),
                new("content_en", JsonFieldKind.String, Required: false, Template: true, MaxLength: 500, CarriesCode: true),
            ],
        },
        new(TwoFactor, "wecom_config", SettingType.Json, "The code WeCom message: content template (with an English variant).",
            Serialize(DefaultTemplates.WeComConfig))
        {
            Fields =
            [
                new("content", JsonFieldKind.String, Template: true, CarriesCode: true),
                new("content_en", JsonFieldKind.String, Required: false, Template: true, CarriesCode: true),
            ],
        },

        new(Flow, "lifetime_seconds", SettingType.Int, "How long a login flow lives.", "600") { Min = 60, Max = 3600 },
        new(Flow, "max_attempts", SettingType.Int, "Wrong answers one flow allows before it locks.", "5") { Min = 1, Max = 20 },

        new(Session, "absolute_lifetime_seconds", SettingType.Int, "A session's absolute lifetime.", "28800") { Min = 300, Max = 604_800 },
        new(Session, "idle_timeout_seconds", SettingType.Int, "A session dies after this long unused.", "1800") { Min = 60, Max = 86_400 },

        new(Lockout, "max_failures", SettingType.Int, "Wrong passwords per user before the account locks.", "5") { Min = 1, Max = 100 },
        new(Lockout, "wait_increment_seconds", SettingType.Int, "How much each further lock-out adds to the wait.", "60") { Min = 1, Max = 3600 },
        new(Lockout, "max_wait_seconds", SettingType.Int, "The longest lock-out.", "900") { Min = 1, Max = 86_400 },

        new(Audit, "retention_days", SettingType.Int, "Login audit records older than this are removed by the clean-up job.", "180") { Min = 1, Max = 3650 },

        // Appended: a meta's id is its place in this list, and settings rows refer to it.
        // At most 64 characters: the issuer stands twice in the otpauth:// URI, percent-encoded (9 bytes for a Chinese
        // character), and the URI must still fit a QR code a phone can read beside a 254-character email account.
        new(TwoFactor, "otp_issuer", SettingType.String, "The issuer an authenticator app shows beside the account (the otpauth:// URI's issuer).", "\"LoginOrchestrator\"") { Min = 1, Max = 64 },
        new(TwoFactor, "otp_account", SettingType.Enum, "What names the account in an authenticator app.", "\"user_id\"") { Choices = ["user_id", "email"] },
        new(Authentication, "reauthentication_seconds", SettingType.Int,
            "How recent a login must be for a sensitive account change (a first TOTP, a first password) made without the current password.", "300") { Min = 60, Max = 3600 },
        new(TwoFactor, "shared_contacts_allowed", SettingType.Bool,
            "One email address or mobile number may be bound to more than one active user.", "false"),
        new(Recovery, "enabled", SettingType.Bool, "A forgotten password can be recovered by a code to a proven contact (and TOTP, when enabled).", "true"),
        new(Recovery, "lifetime_seconds", SettingType.Int, "How long a recovery the user starts lives.", "900") { Min = 300, Max = 3600 },
        new(Recovery, "admin_link_hours", SettingType.Int, "How long a recovery an admin sends lives, its code as long.", "24") { Min = 1, Max = 168 },
        .. DefaultNotices.Keys.Select(Notice),
        new(Authentication, "remember_device_days", SettingType.Int,
            "After a second factor, \"remember this device\" skips it on that device for this many days (0: not offered).", "30") { Min = 0, Max = 365 },
        new(DirectoryNamespace, "sync_interval_minutes", SettingType.Int, "How often the WeCom directory is read into the users (0: only when an admin starts it).", "60") { Min = 0, Max = 1440 },
        new(DirectoryNamespace, "max_disable_percent", SettingType.Int,
            "The largest share of directory users one sync may disable; a sync that would disable more changes nothing.", "10") { Min = 0, Max = 100 },
        new(Authentication, "passkeys_allowed", SettingType.Bool,
            "Users may register passkeys and log in with them: as the second factor, or passwordless (a passkey with user verification is two factors).", "true"),
        new(Authentication, "admin_requires_passkey", SettingType.Bool,
            "Admins without a passkey must register one after login before any admin work (while passkeys are allowed).", "false"),
        new(RateLimits, "known_networks", SettingType.Json,
            "Networks (CIDR) whose addresses each get the known-network limits below instead of the defaults: an office's NAT address, a VPN's egress.",
            """{"networks":[]}""")
        {
            Fields = [new("networks", JsonFieldKind.NetworkList)],
            ExampleJson = """{"networks":["203.0.113.7/32","198.51.100.0/24"]}""",
        },
        new(RateLimits, "known_network_attempts_per_minute", SettingType.Int,
            "Login flows created and wrong answers per minute from one address in a known network.", "1500") { Min = 1, Max = 10_000_000 },
        new(RateLimits, "known_network_failures_per_hour", SettingType.Int,
            "Wrong answers per hour from one address in a known network.", "3000") { Min = 1, Max = 10_000_000 },
        new(RateLimits, "known_network_codes_per_day", SettingType.Int,
            "Codes sent per UTC day for requests from one address in a known network.", "10000") { Min = 1, Max = 1_000_000 },
    ];

    private static SettingDefinition Notice(string key) =>
        new(Notices, key, SettingType.Json, $"The {key.Replace('_', ' ')} notice mail: title and content templates (with English variants).",
            Serialize(DefaultNotices.For(key)))
        {
            Fields =
            [
                new("title", JsonFieldKind.String, Template: true, MaxLength: 200, Notice: true),
                new("content", JsonFieldKind.String, Template: true, Notice: true),
                new("title_en", JsonFieldKind.String, Required: false, Template: true, MaxLength: 200, Notice: true),
                new("content_en", JsonFieldKind.String, Required: false, Template: true, Notice: true),
            ],
        };

    public static SettingDefinition? Find(string @namespace, string key) =>
        All.FirstOrDefault(d => d.Namespace == @namespace && d.Key == key);

    public static IReadOnlyList<string> Namespaces { get; } = [.. All.Select(d => d.Namespace).Distinct()];

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, SettingJson.Options);
}
