namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Holds each flow's live code. Every operation is atomic on its own.</summary>
public interface ICaptchaCodeStore
{
    /// <summary>Stores the flow's code, killing the one it had (one live code per flow).</summary>
    Task ReplaceAsync(CaptchaCodeRecord record, TimeSpan timeToLive, CancellationToken cancellationToken);

    Task<CaptchaCodeRecord?> FindAsync(string flowId, CancellationToken cancellationToken);

    /// <summary>
    /// Checks an answer's hash against the flow's live code, in one step: a right one consumes it (exactly one caller
    /// wins), a wrong one is counted (at <paramref name="limit"/> the code dies), past its expiry it is expired.
    /// </summary>
    Task<CaptchaCheck> CheckAsync(string flowId, byte[] codeHash, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Removes the flow's code if, and only if, it still has this hash: exactly one caller wins.</summary>
    Task<bool> TryConsumeAsync(string flowId, byte[] codeHash, CancellationToken cancellationToken);

    /// <summary>Counts a wrong answer against the code; at <paramref name="limit"/> the code dies. Returns the count.</summary>
    Task<int> CountWrongAsync(string flowId, int limit, CancellationToken cancellationToken);
}
