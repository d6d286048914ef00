using System.ComponentModel;
using Hangfire;
using LoginOrchestrator.Api.Account;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Telemetry;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Settings;
using LoginOrchestrator.Templates.Settings;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// The recurring clean-up: removes flows past their retention (writing the Expired audit record of
/// flows nobody came back to), audit records past <c>audit.retention_days</c>, TOTP enrolments never
/// confirmed, and sweeps the
/// in-process stores (Redis keys expire by themselves). Its cost follows what expired, in batches.
/// </summary>
public sealed class HousekeepingJob(
    IExpiredFlowSource flows,
    ILoginAudit audit,
    LoginDbContext db,
    SettingsCache settings,
    IEnumerable<IExpiringStore> stores,
    TimeProvider time,
    LoginMetrics metrics,
    ILogger<HousekeepingJob> logger)
{
    public const string RecurringJobId = "housekeeping";
    private const int BatchSize = 500;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [DisplayName("Clean up expired flows, codes, sessions and deliveries")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var activity = LoginMetrics.Activities.StartActivity("job Housekeeping");
        var expiredFlows = 0;
        while (true)
        {
            var batch = await flows.ClaimExpiredAsync(time.GetUtcNow(), BatchSize, cancellationToken);
            // Every terminal outcome is audited: a flow abandoned mid-way ended Expired. One write per batch, and
            // only then are the flows deleted: a job that dies in between leaves them claimed, to be audited again.
            List<LoginAuditEntry> abandoned = [.. batch.Where(f => !f.Audited).Select(flow => new LoginAuditEntry(
                flow.Id, flow.UserId ?? flow.ClaimedUserId, flow.State.IsTerminal() ? flow.State : LoginState.Expired,
                [.. flow.Factors], flow.Degraded, "abandoned", null, null, flow.ExpiresAt))];
            await audit.RecordAllAsync(abandoned, cancellationToken);
            await flows.ForgetAsync([.. batch.Select(f => f.Id)], cancellationToken);
            foreach (var entry in abandoned) metrics.FlowEnded(entry.Outcome, entry.Degraded);
            expiredFlows += batch.Count;
            if (batch.Count < BatchSize) break;
        }

        var swept = new List<string>
        {
            $"{expiredFlows} flows",
            $"{await RemoveOldAuditAsync(cancellationToken)} audit records",
            $"{await DiscardStaleEnrolmentsAsync(cancellationToken)} pending TOTP enrolments",
        };
        foreach (var store in stores)
            swept.Add($"{await store.PurgeExpiredAsync(cancellationToken)} {store.Name}");
        logger.LogInformation("Housekeeping removed {Removed}", string.Join(", ", swept));
    }

    /// <summary>An unconfirmed TOTP secret is of no use after ten minutes: no secret material stays at rest longer.</summary>
    private Task<int> DiscardStaleEnrolmentsAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - OtpEnrolment.PendingLifetime;
        return db.Users.Where(u => u.PendingTotpCreatedAt != null && u.PendingTotpCreatedAt < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PendingTotpSecret, (string?)null).SetProperty(u => u.PendingTotpCreatedAt, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Audit rows past the retention setting, a batch of ids at a time through the index on time.</summary>
    private async Task<int> RemoveOldAuditAsync(CancellationToken cancellationToken)
    {
        var days = (await settings.GetAsync(cancellationToken)).Int(SettingCatalog.Audit, "retention_days");
        var cutoff = time.GetUtcNow().AddDays(-days);
        var removed = 0;
        while (true)
        {
            var ids = await db.LoginAudit.Where(a => a.At < cutoff).OrderBy(a => a.At).Select(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0) return removed;
            removed += await db.LoginAudit.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < BatchSize) return removed;
        }
    }
}
