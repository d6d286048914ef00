using System.ComponentModel;
using Hangfire;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Settings;
using Microsoft.EntityFrameworkCore;
using static LoginOrchestrator.Templates.Settings.SettingCatalog;

namespace LoginOrchestrator.Api.Sync;

/// <summary>
/// The directory sync as Hangfire runs it: a recurring check every 5 minutes that syncs when
/// <c>directory.sync_interval_minutes</c> has passed since the last run (a changed interval applies at once), and a run
/// an admin starts. One at a time across instances.
/// </summary>
public sealed class DirectorySyncJob(DirectorySync sync, LoginDbContext db, SettingsCache settings, TimeProvider time)
{
    public const string RecurringJobId = "directory-sync";
    public const string Cron = "*/5 * * * *";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)] // the next check retries
    [DisplayName("Directory sync check")]
    public async Task RunIfDueAsync(CancellationToken cancellationToken)
    {
        var minutes = (await settings.GetAsync(cancellationToken)).Int(DirectoryNamespace, "sync_interval_minutes");
        if (minutes == 0) return;
        var last = await db.DirectorySyncRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(cancellationToken);
        if (last is { } at && time.GetUtcNow() - at < TimeSpan.FromMinutes(minutes) - TimeSpan.FromSeconds(30)) return;
        await sync.RunAsync(DirectorySync.Schedule, cancellationToken);
    }

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Directory sync, started by {0}")]
    public Task RunAsync(string triggeredBy, CancellationToken cancellationToken) => sync.RunAsync(triggeredBy, cancellationToken);
}
