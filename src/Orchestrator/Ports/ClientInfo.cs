namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Who is asking: for the audit, rate limits and the message language.</summary>
public sealed record ClientInfo(string? IpAddress, string? UserAgent, string Language)
{
    /// <summary>The remembered-device token the client sent (cookie or header): a secret, so never printed.</summary>
    public string? RememberedDevice { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"IpAddress = {IpAddress}, UserAgent = {UserAgent}, Language = {Language}");
        return true;
    }

    /// <summary>No request's client (a flow just created is answered before any step).</summary>
    public static ClientInfo None { get; } = new(null, null, "");
}
