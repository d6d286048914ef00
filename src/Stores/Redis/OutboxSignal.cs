using System.Threading.Channels;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Flows this instance just saved with outbox messages, for its drainer to take at once. In memory and lossy by
/// design: what it drops (full, or the process died) the drainer finds in the Redis index instead.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<string> _flows = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Wake(string flowId) => _flows.Writer.TryWrite(flowId);

    public ChannelReader<string> Flows => _flows.Reader;
}
