using System.ComponentModel;
using Hangfire;
using Hangfire.Server;
using LoginOrchestrator.Steps.Delivery;

namespace LoginOrchestrator.Api.Delivery;

/// <summary>
/// Sends one delivery. Retries are explicit and short, as a code lives minutes: three tries in all,
/// 2 s and 10 s apart. A code that expired is not sent; after the last failure the delivery is
/// <c>failed</c> and the flow shows it, so the user can ask for a resend.
/// </summary>
public sealed class SendCodeJob(
    IDeliveryStore deliveries,
    DeliveryMessageProtector protector,
    IEnumerable<ICodeChannel> channels,
    TimeProvider time,
    ILogger<SendCodeJob> logger)
{
    public const int Retries = 2;

    [AutomaticRetry(Attempts = Retries, DelaysInSeconds = [2, 10], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisplayName("Send code, delivery {0}")]
    public async Task RunAsync(string deliveryId, PerformContext? context, CancellationToken cancellationToken)
    {
        var record = await deliveries.FindAsync(deliveryId, cancellationToken);
        if (record is null || record.Status != DeliveryStatus.Queued) return; // gone, or already done by an earlier run

        var now = time.GetUtcNow();
        if (now >= record.CodeExpiresAt || record.ProtectedMessage is null)
        {
            await FinishAsync(record, DeliveryStatus.Failed, "code expired before it could be sent", cancellationToken);
            return;
        }
        var channel = channels.FirstOrDefault(c => c.Channel == record.Channel);
        if (channel is null)
        {
            await FinishAsync(record, DeliveryStatus.Failed, $"no {record.Channel} channel is configured", cancellationToken);
            return;
        }

        record = record with { Attempts = record.Attempts + 1, UpdatedAt = now };
        try
        {
            await channel.SendAsync(protector.Unprotect(record.ProtectedMessage), cancellationToken);
            await FinishAsync(record, DeliveryStatus.Sent, null, cancellationToken);
            logger.LogInformation("Delivery {DeliveryId} sent by {Channel} to {Target}", record.Id, record.Channel, record.MaskedTarget);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var retry = context?.GetJobParameter<int>("RetryCount") ?? Retries;
            logger.LogWarning("Delivery {DeliveryId} by {Channel} failed (attempt {Attempt}): {Error}", record.Id, record.Channel, record.Attempts, e.Message);
            if (retry >= Retries) await FinishAsync(record, DeliveryStatus.Failed, e.Message, cancellationToken);
            else await deliveries.UpdateAsync(record with { LastError = e.Message }, cancellationToken);
            throw;
        }
    }

    /// <summary>A finished delivery drops its message: the code inside is no longer needed anywhere.</summary>
    private Task FinishAsync(DeliveryRecord record, DeliveryStatus status, string? error, CancellationToken cancellationToken) =>
        deliveries.UpdateAsync(record with { Status = status, LastError = error, ProtectedMessage = null, UpdatedAt = time.GetUtcNow() }, cancellationToken);
}
