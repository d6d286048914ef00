using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Redis;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Outbox;

/// <summary>
/// Drains the flows' outboxes in Redis: what this instance just saved, as soon as it is told (in batches), and every
/// few seconds what any instance left longer ago than <see cref="OutboxOptions.RecoverAfterSeconds"/> (it died between
/// its answer and its drain, or its drain failed). Each flow's messages are claimed, carried out, then removed.
/// </summary>
public sealed class FlowOutboxWorker(
    OutboxSignal signal, RedisFlowOutbox outbox, IOutboxHandler handler, IOptions<OutboxOptions> options, ILogger<FlowOutboxWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan RecoveryPeriod = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextRecovery = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await NextBatchAsync(settings, nextRecovery - DateTimeOffset.UtcNow, stoppingToken);
                if (DateTimeOffset.UtcNow >= nextRecovery)
                {
                    batch.UnionWith(await outbox.PendingAsync(DateTimeOffset.UtcNow.AddSeconds(-settings.RecoverAfterSeconds), settings.BatchSize, stoppingToken));
                    nextRecovery = DateTimeOffset.UtcNow + RecoveryPeriod;
                }
                if (batch.Count > 0) await DrainAsync(batch, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Redis or the database is down: the messages stay where they are, and the recovery pass tries again.
                logger.LogWarning(e, "Draining the flows' outboxes failed; they are tried again in {Seconds} s", RecoveryPeriod.TotalSeconds);
                await Task.Delay(RecoveryPeriod, stoppingToken);
            }
        }
    }

    /// <summary>Flows this instance was told of: waits for the first (until the next recovery pass), then takes what else is waiting.</summary>
    private async Task<HashSet<string>> NextBatchAsync(OutboxOptions settings, TimeSpan untilRecovery, CancellationToken stoppingToken)
    {
        var batch = new HashSet<string>(StringComparer.Ordinal);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(untilRecovery > TimeSpan.Zero ? untilRecovery : TimeSpan.Zero);
        try
        {
            if (!await signal.Flows.WaitToReadAsync(wait.Token)) return batch;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return batch;
        }
        if (settings.DrainDelayMilliseconds > 0) await Task.Delay(settings.DrainDelayMilliseconds, stoppingToken);
        while (batch.Count < settings.BatchSize && signal.Flows.TryRead(out var flowId)) batch.Add(flowId);
        return batch;
    }

    private async Task DrainAsync(IReadOnlyCollection<string> flowIds, CancellationToken stoppingToken)
    {
        var claims = (await Task.WhenAll(flowIds.Select(id => outbox.ClaimAsync(id, stoppingToken)))).OfType<OutboxClaim>().ToList();
        var messages = claims.SelectMany(claim => claim.Messages).ToList();
        if (messages.Count > 0) await handler.HandleAsync(messages, stoppingToken);
        // Also the empty claims: an index entry whose messages another drainer already carried out leaves with them.
        await Task.WhenAll(claims.Select(claim => outbox.CompleteAsync(claim, stoppingToken)));
    }
}
