namespace LoginOrchestrator.Orchestrator.Ports;

public interface IDeliveryStore
{
    /// <summary>Records outlive their code by this much, so a flow can still show how its delivery went.</summary>
    static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    Task CreateAsync(DeliveryRecord record, CancellationToken cancellationToken);

    Task<DeliveryRecord?> FindAsync(string deliveryId, CancellationToken cancellationToken);

    Task UpdateAsync(DeliveryRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the delivery's try number <paramref name="attempt"/> for one job: of two jobs queued for the same try (an
    /// outbox drained twice), one sends and the other finds it taken.
    /// </summary>
    Task<bool> TryClaimAttemptAsync(string deliveryId, int attempt, CancellationToken cancellationToken);
}
