using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace LoginOrchestrator.Bench.Load;

/// <summary>What one request asked of Redis: commands, and round trips (commands in flight together share one).</summary>
public sealed record RedisCost(int Commands, int RoundTrips, IReadOnlyList<string> Trips);

/// <summary>
/// StackExchange.Redis profiling, one session per measured call: every command the call caused, in the
/// request and in what it enqueued (Hangfire shares the connection), is attributed to it.
/// </summary>
public sealed class RedisRoundTrips
{
    private readonly AsyncLocal<ProfilingSession?> _current = new();

    public RedisRoundTrips(IConnectionMultiplexer redis) => redis.RegisterProfiler(() => _current.Value);

    public async Task<RedisCost> MeasureAsync(Func<Task> call)
    {
        var session = new ProfilingSession();
        _current.Value = session;
        try { await call(); }
        finally { _current.Value = null; }
        return Cost([.. session.FinishProfiling()]);
    }

    /// <summary>Commands whose send-to-answer spans overlap were pipelined: one round trip.</summary>
    public static RedisCost Cost(IReadOnlyList<IProfiledCommand> commands)
    {
        var spans = commands
            .Select(c => { var sent = c.CommandCreated + c.CreationToEnqueued + c.EnqueuedToSending; return (Sent: sent, Answered: sent + c.SentToResponse, c.Command); })
            .OrderBy(s => s.Sent).ToList();
        // Each round trip as the commands it carried ("SET+EVALSHA"), so a run can say where the trips go.
        var trips = new List<List<string>>();
        var answeredBy = DateTime.MinValue;
        foreach (var (sent, answered, command) in spans)
        {
            if (sent > answeredBy) trips.Add([]);
            trips[^1].Add(command);
            if (answered > answeredBy) answeredBy = answered;
        }
        return new RedisCost(commands.Count, trips.Count, [.. trips.Select(t => string.Join('+', t))]);
    }
}
