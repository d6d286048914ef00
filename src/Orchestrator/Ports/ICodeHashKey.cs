namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// The server secret captcha codes are hashed with (HMAC-SHA256). It is kept apart from the code store, so a dump of
/// that store alone cannot test the million six-digit codes against a hash.
/// </summary>
public interface ICodeHashKey
{
    ValueTask<byte[]> GetAsync(CancellationToken cancellationToken);
}
