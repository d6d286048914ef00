namespace LoginOrchestrator.Orchestrator.Steps;

/// <summary>
/// Writes a request makes beside its flow (a session, a lock-out counter's reset), held until the flow is saved and
/// then started together with that save: sent at once they share one round trip instead of one each. Nothing is
/// answered before every one of them completed.
/// </summary>
public sealed class FlowWrites
{
    private readonly List<Func<CancellationToken, Task>> _writes = [];

    public void Add(Func<CancellationToken, Task> write) => _writes.Add(write);

    /// <summary>Starts every held write and <paramref name="save"/> (when the flow is saved at all), and waits for them all.</summary>
    public Task CommitAsync(Func<CancellationToken, Task>? save, CancellationToken cancellationToken)
    {
        // Each write sends its commands before its first await, so all of them leave in the same pipeline.
        var running = _writes.Select(write => write(cancellationToken)).ToList();
        if (save is not null) running.Add(save(cancellationToken));
        _writes.Clear();
        return Task.WhenAll(running);
    }
}
