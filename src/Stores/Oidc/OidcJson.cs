using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace LoginOrchestrator.Stores.Oidc;

/// <summary>The JSON text of a record's lists and maps, read and written the way OpenIddict's managers hand them over.</summary>
internal static class OidcJson
{
    public static ImmutableArray<string> Strings(string? json) =>
        string.IsNullOrEmpty(json) ? [] : [.. JsonSerializer.Deserialize<string[]>(json) ?? []];

    public static string? Strings(ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? null : JsonSerializer.Serialize(values.AsEnumerable());

    public static ImmutableDictionary<string, JsonElement> Properties(string? json) =>
        string.IsNullOrEmpty(json)
            ? ImmutableDictionary<string, JsonElement>.Empty
            : (JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? []).ToImmutableDictionary();

    public static string? Properties(ImmutableDictionary<string, JsonElement> values) =>
        values is null || values.IsEmpty ? null : JsonSerializer.Serialize(values);

    public static ImmutableDictionary<string, string> Map(string? json) =>
        string.IsNullOrEmpty(json)
            ? ImmutableDictionary<string, string>.Empty
            : (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).ToImmutableDictionary();

    public static string? Map(ImmutableDictionary<string, string> values) =>
        values is null || values.IsEmpty ? null : JsonSerializer.Serialize(values);

    public static ImmutableDictionary<CultureInfo, string> Cultures(string? json) =>
        Map(json).ToImmutableDictionary(pair => CultureInfo.GetCultureInfo(pair.Key), pair => pair.Value);

    public static string? Cultures(ImmutableDictionary<CultureInfo, string> values) =>
        values is null || values.IsEmpty ? null : JsonSerializer.Serialize(values.ToDictionary(pair => pair.Key.Name, pair => pair.Value));
}
