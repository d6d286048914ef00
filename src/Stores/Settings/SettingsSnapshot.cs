using System.Text.Json;
using LoginOrchestrator.Templates.Settings;

namespace LoginOrchestrator.Stores.Settings;

/// <summary>The effective value of every setting at one moment: the admin's value where one is set and enabled, else the default.</summary>
public sealed class SettingsSnapshot(IReadOnlyDictionary<string, JsonElement> values)
{
    public static SettingsSnapshot Defaults { get; } = new(SettingCatalog.All.ToDictionary(
        d => KeyOf(d.Namespace, d.Key), d => JsonDocument.Parse(d.DefaultJson).RootElement.Clone()));

    public JsonElement Get(string @namespace, string key) =>
        values.TryGetValue(KeyOf(@namespace, key), out var value) ? value : Defaults.Get(@namespace, key);

    public int Int(string @namespace, string key) => Get(@namespace, key).GetInt32();
    public bool Bool(string @namespace, string key) => Get(@namespace, key).GetBoolean();
    public string String(string @namespace, string key) => Get(@namespace, key).GetString()!;
    public T Json<T>(string @namespace, string key) => Get(@namespace, key).Deserialize<T>(SettingJson.Options)!;

    public static string KeyOf(string @namespace, string key) => $"{@namespace}.{key}";
}
