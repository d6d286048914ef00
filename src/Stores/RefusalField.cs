using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores;

/// <summary>How a refusal is stored (limit, address and account in one field) and how a minute's counts sum to the hour's.</summary>
public static class RefusalField
{
    // Neither an address nor a user id holds a line break (UserIds' allowed set).
    private const char Separator = '\n';

    public static string Of(RateLimitRefusal refusal) => string.Join(Separator, refusal.Limit, refusal.ClientIp ?? "", refusal.UserId ?? "");

    public static IReadOnlyList<RateLimitRefusalCount> Sum(IEnumerable<(long Minute, string Field, int Count)> entries) =>
    [
        .. entries.GroupBy(e => e.Field).Select(g =>
        {
            var parts = g.Key.Split(Separator);
            return new RateLimitRefusalCount(parts[0], NullIfEmpty(parts[1]), NullIfEmpty(parts[2]), g.Sum(e => e.Count),
                DateTimeOffset.FromUnixTimeSeconds(g.Max(e => e.Minute) * 60));
        })
        .OrderByDescending(c => c.Count).ThenBy(c => c.Limit, StringComparer.Ordinal),
    ];

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
