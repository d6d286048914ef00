namespace LoginOrchestrator.Stores.Database;

/// <summary>The desk's availability of a user (the seed's agent status).</summary>
public static class AgentStatus
{
    public const string Online = "online";
    public const string Busy = "busy";
    public const string Offline = "offline";

    public static IReadOnlyList<string> All { get; } = [Online, Busy, Offline];
}
