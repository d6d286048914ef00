using System.Text.Json;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Templates.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Stores.Settings;

/// <summary>
/// The settings this instance reads, loaded once and kept until a change invalidates them: changes
/// here invalidate at once, changes on another instance through <see cref="ISettingsChangeSignal"/>,
/// and a short maximum age covers a signal lost while Redis was unreachable.
/// A stored value that today's rules refuse (saved before a rule tightened, such as a 400-character issuer) is not used:
/// its default is, with a warning, so one old value cannot break every login.
/// </summary>
public sealed class SettingsCache(IServiceScopeFactory scopes, SettingValidator validator, TimeProvider time, ILogger<SettingsCache> logger)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private (SettingsSnapshot Snapshot, DateTimeOffset LoadedAt)? _current;

    public async Task<SettingsSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } snapshot) return snapshot;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            return Fresh() ?? await LoadAsync(cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Invalidate() => _current = null;

    private SettingsSnapshot? Fresh() =>
        _current is { } current && time.GetUtcNow() - current.LoadedAt < MaxAge ? current.Snapshot : null;

    private async Task<SettingsSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        var rows = await db.Settings.AsNoTracking().Where(s => s.Enabled)
            .Select(s => new { s.Meta!.Namespace, s.Meta.Key, s.Value })
            .ToListAsync(cancellationToken);
        var values = new Dictionary<string, JsonElement>();
        foreach (var row in rows)
        {
            var value = JsonDocument.Parse(row.Value).RootElement.Clone();
            if (SettingCatalog.Find(row.Namespace, row.Key) is { } definition && validator.Check(definition, value) is { } problem)
                logger.LogWarning("Setting {Namespace}.{Key} as stored is refused by today's rules ({Field}: {Reason}); its default applies until an admin saves it again",
                    row.Namespace, row.Key, problem.Field, problem.Reason);
            else
                values[SettingsSnapshot.KeyOf(row.Namespace, row.Key)] = value;
        }
        var snapshot = new SettingsSnapshot(values);
        _current = (snapshot, time.GetUtcNow());
        return snapshot;
    }
}
