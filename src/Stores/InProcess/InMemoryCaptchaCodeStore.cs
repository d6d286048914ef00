using System.Collections.Concurrent;
using System.Security.Cryptography;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.InProcess;

/// <summary>The embedded default's code store: one process, one dictionary, a lock per operation.</summary>
public sealed class InMemoryCaptchaCodeStore(TimeProvider time) : ICaptchaCodeStore
{
    private readonly ConcurrentDictionary<string, (CaptchaCodeRecord Record, DateTimeOffset DiesAt)> _codes = new();
    private readonly Lock _gate = new();

    public Task ReplaceAsync(CaptchaCodeRecord record, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        lock (_gate) _codes[record.FlowId] = (record, time.GetUtcNow() + timeToLive);
        return Task.CompletedTask;
    }

    public Task<CaptchaCodeRecord?> FindAsync(string flowId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Kept past its expiry like a Redis key with a TTL: gone only when the TTL ends.
            return Task.FromResult(_codes.TryGetValue(flowId, out var entry) && time.GetUtcNow() < entry.DiesAt + Grace
                ? entry.Record
                : null);
        }
    }

    public Task<CaptchaCheck> CheckAsync(string flowId, byte[] codeHash, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_codes.TryGetValue(flowId, out var entry) || now >= entry.DiesAt + Grace || entry.Record.WrongAttempts >= limit)
                return Task.FromResult(new CaptchaCheck(CaptchaCheckOutcome.Dead));
            var record = entry.Record;
            if (now >= record.ExpiresAt) return Task.FromResult(new CaptchaCheck(CaptchaCheckOutcome.Expired));
            if (record.CheckHash is null) return Task.FromResult(new CaptchaCheck(CaptchaCheckOutcome.Unchecked));
            if (CryptographicOperations.FixedTimeEquals(record.CheckHash, codeHash))
            {
                _codes.TryRemove(flowId, out _);
                return Task.FromResult(new CaptchaCheck(CaptchaCheckOutcome.Accepted, record.Channel, record.Target));
            }
            var wrong = record.WrongAttempts + 1;
            if (wrong >= limit) _codes.TryRemove(flowId, out _);
            else _codes[flowId] = (record with { WrongAttempts = wrong }, entry.DiesAt);
            return Task.FromResult(new CaptchaCheck(CaptchaCheckOutcome.Wrong));
        }
    }

    public Task<bool> TryConsumeAsync(string flowId, byte[] codeHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_codes.TryGetValue(flowId, out var entry) || !CryptographicOperations.FixedTimeEquals(entry.Record.CodeHash, codeHash))
                return Task.FromResult(false);
            _codes.TryRemove(flowId, out _);
            return Task.FromResult(true);
        }
    }

    public Task<int> CountWrongAsync(string flowId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_codes.TryGetValue(flowId, out var entry)) return Task.FromResult(limit);
            var wrong = entry.Record.WrongAttempts + 1;
            if (wrong >= limit) _codes.TryRemove(flowId, out _);
            else _codes[flowId] = (entry.Record with { WrongAttempts = wrong }, entry.DiesAt);
            return Task.FromResult(wrong);
        }
    }

    /// <summary>Removes codes whose time to live has passed; returns how many.</summary>
    public int Purge()
    {
        var now = time.GetUtcNow();
        var dead = 0;
        lock (_gate)
        {
            foreach (var (flowId, entry) in _codes)
                if (now >= entry.DiesAt + Grace && _codes.TryRemove(flowId, out _)) dead++;
        }
        return dead;
    }

    /// <summary>An expired code is still found for a while, so its submitter hears "expired" rather than "no code".</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);
}
