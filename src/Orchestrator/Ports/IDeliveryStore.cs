namespace LoginOrchestrator.Orchestrator.Ports;

public interface IDeliveryStore
{
    /// <summary>Records outlive their code by this much, so a flow can still show how its delivery went.</summary>
    static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    Task CreateAsync(DeliveryRecord record, CancellationToken cancellationToken);

    Task<DeliveryRecord?> FindAsync(string deliveryId, CancellationToken cancellationToken);

    Task UpdateAsync(DeliveryRecord record, CancellationToken cancellationToken);
}
