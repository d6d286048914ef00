using System.Text.Json;
using LoginOrchestrator.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Settings;

/// <summary>
/// The settings this instance reads, loaded once and kept until a change invalidates them: changes
/// here invalidate at once, changes on another instance through <see cref="ISettingsChangeSignal"/>,
/// and a short maximum age covers a signal lost while Redis was unreachable.
/// </summary>
public sealed class SettingsCache(IServiceScopeFactory scopes, TimeProvider time)
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
        var snapshot = new SettingsSnapshot(rows.ToDictionary(
            r => SettingsSnapshot.KeyOf(r.Namespace, r.Key), r => JsonDocument.Parse(r.Value).RootElement.Clone()));
        _current = (snapshot, time.GetUtcNow());
        return snapshot;
    }
}
