namespace LoginOrchestrator.Stores.Database;

/// <summary><c>setting_meta</c>: what may be set (the schema), seeded by a migration from the catalog.</summary>
public sealed class SettingMetaRecord
{
    public int Id { get; set; }
    public required string Namespace { get; set; }
    public required string Key { get; set; }

    /// <summary>string, int, bool, enum or json.</summary>
    public required string ValueType { get; set; }

    /// <summary>Allowed values of an enum, as a JSON array.</summary>
    public string? Choices { get; set; }

    /// <summary>For json values: the fields, their kinds and which are required or templates, as JSON.</summary>
    public string? JsonSchema { get; set; }

    public long? MinValue { get; set; }
    public long? MaxValue { get; set; }
    public required string DefaultValue { get; set; }
    public string? Example { get; set; }
    public bool Required { get; set; }
    public bool Enabled { get; set; }
    public required string Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary><c>setting</c>: a value an admin set; no row means the meta's default.</summary>
public sealed class SettingRecord
{
    public int Id { get; set; }
    public int MetaId { get; set; }
    public SettingMetaRecord? Meta { get; set; }
    public required string Value { get; set; }
    public bool Enabled { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Why this value (a template) failed when a message was sent, and when; cleared when an admin saves it.</summary>
    public string? RenderFailure { get; set; }
    public DateTimeOffset? RenderFailedAt { get; set; }
}
