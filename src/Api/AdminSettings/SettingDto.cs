using System.Text.Json;

namespace LoginOrchestrator.Api.AdminSettings;

/// <summary>
/// A setting as admins see it: its meta (type, choices, range, fields) and its effective value; its label, its
/// namespace's and its description in the request's language (zh-CN, or en).
/// </summary>
public sealed record SettingDto(
    string Namespace,
    string Key,
    string ValueType,
    JsonElement Value,
    JsonElement Default,
    bool IsDefault,
    bool Enabled,
    IReadOnlyList<string>? Choices,
    long? Min,
    long? Max,
    JsonElement? Schema,
    JsonElement? Example,
    bool Required,
    string Description,
    string Label,
    string NamespaceLabel,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    RenderFailureDto? RenderFailure);

/// <summary>The saved template failed when a message was sent (the built-in one went instead): why, and when first.</summary>
public sealed record RenderFailureDto(string Reason, DateTimeOffset At);

public sealed record ItemsDto<T>(IReadOnlyList<T> Items);

public sealed record SettingUpdateRequest(JsonElement? Value, bool? Enabled);
