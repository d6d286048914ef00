using Hangfire;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Delivery;

namespace LoginOrchestrator.Api.Outbox;

/// <summary>
/// Carries out outbox messages: the login outcomes in one audit write (each flow's once, so a batch drained twice
/// writes nothing twice), then the code sends queued for Hangfire's delivery workers (a send is claimed by its job, so
/// one queued twice is sent once).
/// </summary>
public sealed class FlowOutboxHandler(IServiceScopeFactory scopes, IBackgroundJobClient jobs) : IOutboxHandler
{
    public async Task HandleAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = messages.OfType<OutboxMessage.AuditOutcome>().Select(m => m.Entry).ToList();
        if (outcomes.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ILoginAudit>().RecordOnceAsync(outcomes, cancellationToken);
        }
        foreach (var send in messages.OfType<OutboxMessage.SendCode>())
            jobs.Enqueue<SendCodeJob>(SendCodeJob.Queue, job => job.RunAsync(send.DeliveryId, CancellationToken.None));
    }
}
