using System.Text.Json.Nodes;

namespace LoginOrchestrator.Templates.Settings;

/// <summary>The value types of settings.md.</summary>
public enum SettingType { String, Int, Bool, Enum, Json }

/// <summary>A json field's kind; <see cref="NetworkList"/>: strings in CIDR form (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>).</summary>
public enum JsonFieldKind { String, StringList, NetworkList }

/// <summary>A field of a json setting: its kind, whether it must be present, and whether it is a Scriban template.</summary>
/// <param name="CarriesCode">A code message's text: its trial renders must show the code.</param>
/// <param name="Notice">An account notice's template: rendered from the notice variables (<see cref="NoticeModel"/>).</param>
public sealed record JsonField(string Name, JsonFieldKind Kind, bool Required = true, bool Template = false, int MaxLength = 2000, bool CarriesCode = false, bool Notice = false);

/// <summary>One setting's meta: what may be set, and its default. The catalog seeds <c>setting_meta</c> from these.</summary>
public sealed record SettingDefinition(string Namespace, string Key, SettingType Type, string Description, string DefaultJson)
{
    public IReadOnlyList<string> Choices { get; init; } = [];
    public long? Min { get; init; }
    public long? Max { get; init; }
    public IReadOnlyList<JsonField> Fields { get; init; } = [];
    public string? ExampleJson { get; init; }
    public bool Required { get; init; } = true;

    public JsonNode Default => JsonNode.Parse(DefaultJson)!;
}
