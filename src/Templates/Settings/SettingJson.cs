using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoginOrchestrator.Templates.Settings;

/// <summary>How setting values are written: snake_case fields, readable Chinese, no nulls.</summary>
public static class SettingJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary><c>two_factor.email_config</c>.</summary>
public sealed record EmailConfig(string Title, string Sender, string Content, string? TitleEn = null, string? ContentEn = null);

/// <summary><c>two_factor.sms_config</c>.</summary>
public sealed record SmsConfig(string Sender, string Content, string? ContentEn = null);

/// <summary><c>two_factor.wecom_config</c>.</summary>
public sealed record WeComConfig(string Content, string? ContentEn = null);

/// <summary><c>two_factor.scope</c>.</summary>
public sealed record ScopeConfig(IReadOnlyList<string> Categories, IReadOnlyList<string> Departments, IReadOnlyList<string> Profiles);

/// <summary><c>notices.*</c>: an account notice mail, title and content (with English variants); sent as <c>email_config</c>'s sender.</summary>
public sealed record NoticeConfig(string Title, string Content, string? TitleEn = null, string? ContentEn = null);

/// <summary><c>rate_limits.known_networks</c>: CIDR strings, validated when saved.</summary>
public sealed record NetworksConfig(IReadOnlyList<string> Networks);
