using System.ComponentModel;
using Hangfire;
using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Api.Housekeeping;

/// <summary>
/// The recurring clean-up: removes flows past their retention (writing the Expired audit record of
/// flows nobody came back to) and sweeps the in-process stores. Its cost follows what expired.
/// </summary>
public sealed class HousekeepingJob(
    IExpiredFlowSource flows,
    ILoginAudit audit,
    IEnumerable<IExpiringStore> stores,
    TimeProvider time,
    ILogger<HousekeepingJob> logger)
{
    public const string RecurringJobId = "housekeeping";
    private const int BatchSize = 500;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [DisplayName("Clean up expired flows, codes, sessions and deliveries")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var expiredFlows = 0;
        while (true)
        {
            var batch = await flows.RemoveExpiredAsync(time.GetUtcNow(), BatchSize, cancellationToken);
            foreach (var flow in batch.Where(f => !f.Audited))
            {
                // Every terminal outcome is audited: a flow abandoned mid-way ended Expired.
                await audit.RecordAsync(new LoginAuditEntry(flow.Id, flow.UserId ?? flow.ClaimedUserId,
                    flow.State.IsTerminal() ? flow.State : LoginState.Expired, [.. flow.Factors], flow.Degraded,
                    "abandoned", null, null, flow.ExpiresAt), cancellationToken);
            }
            expiredFlows += batch.Count;
            if (batch.Count < BatchSize) break;
        }

        var swept = new List<string> { $"{expiredFlows} flows" };
        foreach (var store in stores)
            swept.Add($"{await store.PurgeExpiredAsync(cancellationToken)} {store.Name}");
        logger.LogInformation("Housekeeping removed {Removed}", string.Join(", ", swept));
    }
}
