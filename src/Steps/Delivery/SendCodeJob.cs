using System.ComponentModel;
using Hangfire;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>
/// Sends one delivery. Retries are explicit, per channel (<see cref="DeliveryOptions"/>): a failed try
/// schedules the next one, never past the code's expiry. A code that expired is not sent; after the
/// last failure the delivery is <c>failed</c> (the flow shows it, so the user can ask for a resend)
/// and the job fails, so ops see it on the dashboard.
/// </summary>
public sealed class SendCodeJob(
    IDeliveryStore deliveries,
    DeliveryMessageProtector protector,
    IEnumerable<ICodeChannel> channels,
    IBackgroundJobClient jobs,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    LoginMetrics metrics,
    ILogger<SendCodeJob> logger)
{
    /// <summary>The Hangfire queue code sends wait in, served by workers of their own.</summary>
    public const string Queue = "delivery";

    [AutomaticRetry(Attempts = 0)] // retries are this job's own, per channel
    [DisplayName("Send code, delivery {0}")]
    public async Task RunAsync(string deliveryId, CancellationToken cancellationToken)
    {
        using var activity = LoginMetrics.Activities.StartActivity("job SendCode");
        var record = await deliveries.FindAsync(deliveryId, cancellationToken);
        if (record is null || record.Status != DeliveryStatus.Queued) return; // gone, or already finished by an earlier run

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
            throw new InvalidOperationException($"Delivery {record.Id}: no {record.Channel} channel is configured.");
        }

        // A job queued twice for the same try (an outbox drained again after a crash) sends once. The claim lasts as long
        // as a try may (its send's bound and a margin): a job whose instance died mid-send is handed back and sends then.
        var tryLimit = TimeSpan.FromSeconds(options.Value.SendTimeoutSeconds + 5);
        if (!await deliveries.TryClaimAttemptAsync(record.Id, record.Attempts + 1, tryLimit, cancellationToken))
        {
            logger.LogInformation("Delivery {DeliveryId}: try {Attempt} is another job's", record.Id, record.Attempts + 1);
            return;
        }
        record = record with { Attempts = record.Attempts + 1, UpdatedAt = now };
        var limit = TimeSpan.FromSeconds(options.Value.SendTimeoutSeconds);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        try
        {
            // Cancelled at the bound, and abandoned there too: not every client library stops reading when told to.
            await channel.SendAsync(protector.Unprotect(record.ProtectedMessage), bounded.Token).WaitAsync(limit, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            await RetryOrFailAsync(record, new TimeoutException($"The {record.Channel} send took longer than {limit.TotalSeconds:0} s."), cancellationToken);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RetryOrFailAsync(record, e, cancellationToken);
            return;
        }
        await FinishAsync(record, DeliveryStatus.Sent, null, cancellationToken);
        logger.LogInformation("Delivery {DeliveryId} sent by {Channel} to {Target} (attempt {Attempt})", record.Id, record.Channel, record.MaskedTarget, record.Attempts);
    }

    private async Task RetryOrFailAsync(DeliveryRecord record, Exception error, CancellationToken cancellationToken)
    {
        var delays = options.Value.RetryDelays(record.Channel);
        var delay = record.Attempts <= delays.Count ? delays[record.Attempts - 1] : (TimeSpan?)null;
        if (delay is { } wait && time.GetUtcNow() + wait < record.CodeExpiresAt)
        {
            logger.LogWarning("Delivery {DeliveryId} by {Channel} failed (attempt {Attempt}), next try in {Delay}: {Error}",
                record.Id, record.Channel, record.Attempts, wait, error.Message);
            await deliveries.UpdateAsync(record with { LastError = error.Message }, cancellationToken);
            // A delay, not an instant: Hangfire's clock decides when, whatever this instance's clock says.
            jobs.Schedule<SendCodeJob>(Queue, job => job.RunAsync(record.Id, CancellationToken.None), wait);
            return;
        }
        await FinishAsync(record, DeliveryStatus.Failed, error.Message, cancellationToken);
        logger.LogError("Delivery {DeliveryId} by {Channel} failed for good after {Attempts} attempts: {Error}",
            record.Id, record.Channel, record.Attempts, error.Message);
        throw new DeliveryFailedException(record.Id, record.Attempts, error);
    }

    /// <summary>A finished delivery drops its message: the code inside is no longer needed anywhere.</summary>
    private Task FinishAsync(DeliveryRecord record, DeliveryStatus status, string? error, CancellationToken cancellationToken)
    {
        metrics.DeliveryFinished(record.Channel, status.ToString().ToLowerInvariant());
        return deliveries.UpdateAsync(record with { Status = status, LastError = error, ProtectedMessage = null, UpdatedAt = time.GetUtcNow() }, cancellationToken);
    }
}

/// <summary>The last try of a delivery failed: the job fails too, so it shows on the dashboard.</summary>
public sealed class DeliveryFailedException(string deliveryId, int attempts, Exception inner)
    : Exception($"Delivery {deliveryId} failed after {attempts} attempts: {inner.Message}", inner);
