namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Who is asking: for the audit, rate limits and the message language.</summary>
public sealed record ClientInfo(string? IpAddress, string? UserAgent, string Language)
{
    /// <summary>No request's client (a flow just created is answered before any step).</summary>
    public static ClientInfo None { get; } = new(null, null, "");
}
