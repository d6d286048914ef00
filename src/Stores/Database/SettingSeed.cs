using System.Text.Json;
using LoginOrchestrator.Templates.Settings;

namespace LoginOrchestrator.Stores.Database;

/// <summary>The <c>setting_meta</c> rows the migration inserts: one per key of the catalog, ids in catalog order.</summary>
public static class SettingSeed
{
    /// <summary>Fixed, so the migration is stable.</summary>
    private static readonly DateTimeOffset SeededAt = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static IEnumerable<SettingMetaRecord> Metas() => SettingCatalog.All.Select((d, i) => new SettingMetaRecord
    {
        Id = i + 1,
        Namespace = d.Namespace,
        Key = d.Key,
        ValueType = d.Type.ToString().ToLowerInvariant(),
        Choices = d.Choices.Count == 0 ? null : JsonSerializer.Serialize(d.Choices),
        JsonSchema = d.Fields.Count == 0 ? null : JsonSerializer.Serialize(d.Fields.Select(f => new
        {
            name = f.Name,
            kind = f.Kind is JsonFieldKind.StringList or JsonFieldKind.NetworkList ? "string[]" : "string",
            required = f.Required,
            template = f.Template,
            maxLength = f.MaxLength,
            carriesCode = f.CarriesCode,
        })),
        MinValue = d.Min,
        MaxValue = d.Max,
        DefaultValue = d.DefaultJson,
        Example = d.ExampleJson,
        Required = d.Required,
        Enabled = true,
        Description = d.Description,
        CreatedAt = SeededAt,
        UpdatedAt = SeededAt,
    });
}
