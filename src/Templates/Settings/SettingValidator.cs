using System.Text.Json;

namespace LoginOrchestrator.Templates.Settings;

/// <summary>Why a setting value was refused: <c>setting_invalid</c> or <c>template_invalid</c>, the field, the reason.</summary>
public sealed record SettingProblem(string Code, string Field, string Reason, int? Line = null, int? Column = null)
{
    public const string SettingInvalid = "setting_invalid";
    public const string TemplateInvalid = "template_invalid";
}

/// <summary>A value is accepted only when it matches its meta: type, choice, range, json fields, and templates that parse and render.</summary>
public sealed class SettingValidator(TemplateValidator templates)
{
    private const int MaxStringLength = 2000;
    private const int MaxListItems = 500;
    private const int MaxListItemLength = 64;

    public SettingProblem? Check(SettingDefinition definition, JsonElement value) => definition.Type switch
    {
        SettingType.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Invalid("value", "Must be true or false."),
        SettingType.Int => CheckInt(definition, value),
        SettingType.String => value.ValueKind == JsonValueKind.String
                              && value.GetString()!.Length >= (definition.Min ?? 0) && value.GetString()!.Length <= (definition.Max ?? MaxStringLength)
            ? null
            : Invalid("value", $"Must be a string of {definition.Min ?? 0} to {definition.Max ?? MaxStringLength} characters."),
        SettingType.Enum => value.ValueKind == JsonValueKind.String && definition.Choices.Contains(value.GetString())
            ? null
            : Invalid("value", $"Must be one of: {string.Join(", ", definition.Choices)}."),
        SettingType.Json => CheckJson(definition, value),
        _ => Invalid("value", "Unknown setting type."),
    };

    private static SettingProblem? CheckInt(SettingDefinition definition, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            return Invalid("value", "Must be a whole number.");
        if (number < definition.Min || number > definition.Max)
            return Invalid("value", $"Must be between {definition.Min} and {definition.Max}.");
        return null;
    }

    private SettingProblem? CheckJson(SettingDefinition definition, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) return Invalid("value", "Must be a JSON object.");
        foreach (var property in value.EnumerateObject())
            if (definition.Fields.All(f => f.Name != property.Name))
                return Invalid($"value.{property.Name}", $"Unknown field; allowed: {string.Join(", ", definition.Fields.Select(f => f.Name))}.");

        foreach (var field in definition.Fields)
        {
            var path = $"value.{field.Name}";
            if (!value.TryGetProperty(field.Name, out var member) || member.ValueKind == JsonValueKind.Null)
            {
                if (field.Required) return Invalid(path, "Required.");
                continue;
            }
            var problem = field.Kind switch
            {
                JsonFieldKind.StringList => CheckList(path, member),
                JsonFieldKind.NetworkList => CheckList(path, member) ?? CheckNetworks(path, member),
                _ => CheckString(path, field, member),
            };
            if (problem is not null) return problem;
        }
        return null;
    }

    private SettingProblem? CheckString(string path, JsonField field, JsonElement member)
    {
        if (member.ValueKind != JsonValueKind.String) return Invalid(path, "Must be a string.");
        var text = member.GetString()!;
        if (text.Length > field.MaxLength) return Invalid(path, $"At most {field.MaxLength} characters.");
        if (field.Required && string.IsNullOrWhiteSpace(text)) return Invalid(path, "Must not be empty.");
        if (!field.Template) return null;
        return (field.Notice ? templates.CheckNotice(text) : templates.Check(text, field.CarriesCode)) is { } problem
            ? new SettingProblem(SettingProblem.TemplateInvalid, path, problem.Reason, problem.Line, problem.Column)
            : null;
    }

    private static SettingProblem? CheckList(string path, JsonElement member)
    {
        if (member.ValueKind != JsonValueKind.Array) return Invalid(path, "Must be a list of strings.");
        if (member.GetArrayLength() > MaxListItems) return Invalid(path, $"At most {MaxListItems} entries.");
        foreach (var item in member.EnumerateArray())
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length is 0 or > MaxListItemLength)
                return Invalid(path, $"Every entry must be a non-empty string of at most {MaxListItemLength} characters.");
        return null;
    }

    private static SettingProblem? CheckNetworks(string path, JsonElement member)
    {
        foreach (var item in member.EnumerateArray())
            if (!System.Net.IPNetwork.TryParse(item.GetString(), out var network) || network.ToString() != item.GetString())
                return Invalid(path, $"'{item.GetString()}' is not a network in CIDR form with its host bits zero (e.g. 203.0.113.0/24, 198.51.100.7/32).");
        return null;
    }

    private static SettingProblem Invalid(string field, string reason) => new(SettingProblem.SettingInvalid, field, reason);
}
