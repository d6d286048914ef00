using LoginOrchestrator.Orchestrator.Ports;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>A user's lock as copied into a flow's slot: "user id, newline, until (Unix ms)".</summary>
internal static class UserLockMarker
{
    public static string Format(string userId, DateTimeOffset until) => $"{userId}\n{until.ToUnixTimeMilliseconds()}";

    public static UserLock? Parse(RedisValue marker)
    {
        if (marker.IsNullOrEmpty) return null;
        var text = marker.ToString();
        var split = text.LastIndexOf('\n');
        return split > 0 && long.TryParse(text.AsSpan(split + 1), out var until)
            ? new UserLock(text[..split], DateTimeOffset.FromUnixTimeMilliseconds(until))
            : null;
    }
}
