namespace LoginOrchestrator.Orchestrator.Ports;

public interface IDeliveryStore
{
    /// <summary>Records outlive their code by this much, so a flow can still show how its delivery went.</summary>
    static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    Task CreateAsync(DeliveryRecord record, CancellationToken cancellationToken);

    Task<DeliveryRecord?> FindAsync(string deliveryId, CancellationToken cancellationToken);

    Task UpdateAsync(DeliveryRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the delivery's try number <paramref name="attempt"/> for one job, for <paramref name="hold"/> (as long as a
    /// try may take): of two jobs queued for the same try (an outbox drained twice), one sends and the other finds it
    /// taken; a job whose instance died mid-send frees it when the hold ends, so the job handed back can send.
    /// </summary>
    Task<bool> TryClaimAttemptAsync(string deliveryId, int attempt, TimeSpan hold, CancellationToken cancellationToken);
}
