using System.Text.Json;
using LoginOrchestrator.Api.Audit;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Templates.Settings;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.AdminSettings;

/// <summary>The outcome of a change: the setting as it now stands, or why nothing changed.</summary>
public abstract record SettingChange
{
    private SettingChange() { }
    public sealed record Saved(SettingDto Setting) : SettingChange;
    public sealed record Refused(SettingProblem Problem) : SettingChange;
    public sealed record UnknownSetting : SettingChange;
}

/// <summary>Reads and changes settings for admins: validated against the meta, audited, and signalled to every instance.</summary>
public sealed class SettingsAdmin(LoginDbContext db, LoginAudit audit, SettingValidator validator, ISettingsChangeSignal signal, TimeProvider time)
{
    public const string Changed = "SettingChanged";

    public async Task<IReadOnlyList<SettingDto>> ListAsync(string? @namespace, bool onlyEnabled, CancellationToken cancellationToken)
    {
        var metas = await db.SettingMetas.AsNoTracking()
            .Where(m => @namespace == null || m.Namespace == @namespace)
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var settings = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.MetaId, cancellationToken);
        return [.. metas.Select(m => ToDto(m, settings.GetValueOrDefault(m.Id))).Where(s => !onlyEnabled || s.Enabled)];
    }

    public async Task<SettingChange> UpdateAsync(
        string @namespace, string key, JsonElement value, bool? enabled, AdminActor actor, CancellationToken cancellationToken)
    {
        var definition = SettingCatalog.Find(@namespace, key);
        var meta = await db.SettingMetas.SingleOrDefaultAsync(m => m.Namespace == @namespace && m.Key == key, cancellationToken);
        if (definition is null || meta is null) return new SettingChange.UnknownSetting();
        if (validator.Check(definition, value) is { } problem) return new SettingChange.Refused(problem);

        var now = time.GetUtcNow();
        var json = JsonSerializer.Serialize(value, SettingJson.Options);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var setting = await db.Settings.SingleOrDefaultAsync(s => s.MetaId == meta.Id, cancellationToken);
        // Settings hold policy and templates, no secrets: the values go into the audit whole.
        audit.Stage(new AdminAction(Changed, actor.UserId, "setting", $"{@namespace}.{key}", actor.Client, now)
        {
            Before = new SettingSnapshot(Parse(setting?.Value ?? meta.DefaultValue)!.Value, setting?.Enabled ?? false),
            After = new SettingSnapshot(value, enabled ?? setting?.Enabled ?? true),
        });
        if (setting is null)
        {
            setting = new SettingRecord { MetaId = meta.Id, Value = json, Enabled = enabled ?? true, UpdatedBy = actor.UserId, CreatedAt = now, UpdatedAt = now };
            db.Settings.Add(setting);
        }
        else
        {
            setting.Value = json;
            setting.RenderFailure = null;
            setting.RenderFailedAt = null;
            setting.Enabled = enabled ?? setting.Enabled;
            setting.UpdatedBy = actor.UserId;
            setting.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signal.PublishAsync(cancellationToken);
        return new SettingChange.Saved(ToDto(meta, setting));
    }

    /// <summary>A setting in the audit: its value and whether it was in force (not enabled: the default applies).</summary>
    private sealed record SettingSnapshot(JsonElement Value, bool Enabled);

    private static SettingDto ToDto(SettingMetaRecord meta, SettingRecord? setting)
    {
        var isDefault = setting is not { Enabled: true };
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var texts = SettingCatalog.Find(meta.Namespace, meta.Key) is { } definition
            ? SettingTexts.For(definition, english)
            : (Label: meta.Key, Description: meta.Description);
        return new SettingDto(
            meta.Namespace, meta.Key, meta.ValueType,
            Parse(isDefault ? meta.DefaultValue : setting!.Value)!.Value,
            Parse(meta.DefaultValue)!.Value,
            isDefault,
            setting?.Enabled ?? meta.Enabled,
            meta.Choices is null ? null : JsonSerializer.Deserialize<List<string>>(meta.Choices),
            meta.MinValue, meta.MaxValue,
            Parse(meta.JsonSchema), Parse(meta.Example),
            meta.Required, texts.Description, texts.Label, SettingTexts.NamespaceLabel(meta.Namespace, english),
            setting?.UpdatedAt, setting?.UpdatedBy,
            setting is { Enabled: true, RenderFailure: { } reason, RenderFailedAt: { } at } ? new RenderFailureDto(reason, at) : null);
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
