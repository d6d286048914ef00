namespace LoginOrchestrator.Api.Delivery;

public interface IDeliveryStore
{
    Task CreateAsync(DeliveryRecord record, CancellationToken cancellationToken);

    Task<DeliveryRecord?> FindAsync(string deliveryId, CancellationToken cancellationToken);

    Task UpdateAsync(DeliveryRecord record, CancellationToken cancellationToken);
}
