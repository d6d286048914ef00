using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Orchestrator.Steps;

/// <summary>
/// What a request writes beside its flow, held until the flow is saved: writes of other keys (a session, a lock-out
/// counter's reset, a code), started together with the save so they share its round trip, and outbox messages, saved
/// with the flow itself and carried out after the answer. Nothing is answered before every write completed.
/// </summary>
public sealed class FlowWrites
{
    private readonly List<Func<CancellationToken, Task>> _writes = [];
    private readonly List<OutboxMessage> _outbox = [];

    public void Add(Func<CancellationToken, Task> write) => _writes.Add(write);

    public void Leave(OutboxMessage message) => _outbox.Add(message);

    /// <summary>
    /// Starts every held write and <paramref name="save"/> (given the outbox), and waits for them all. Without a save
    /// (the flow is left as stored) only the writes run: an outbox message needs a saved flow to travel with.
    /// </summary>
    public Task CommitAsync(Func<IReadOnlyList<OutboxMessage>, CancellationToken, Task>? save, CancellationToken cancellationToken)
    {
        if (save is null && _outbox.Count > 0) throw new InvalidOperationException("Outbox messages are saved with their flow.");
        // Each write sends its commands before its first await, so all of them leave in the same pipeline.
        var running = _writes.Select(write => write(cancellationToken)).ToList();
        if (save is not null) running.Add(save([.. _outbox], cancellationToken));
        _writes.Clear();
        _outbox.Clear();
        return Task.WhenAll(running);
    }
}
