namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// What the prefixes must be on a Redis Cluster. The key prefix must hold no hash tag (<c>{…}</c>): the tags of
/// <see cref="RedisKeys"/> come after it, and a key hashes on its first tag, so a tag in the prefix would put every key
/// on one slot. Hangfire's prefix must be one tag: Hangfire's operations touch many of its keys at once, which a cluster
/// allows only within one slot (its load is small; it stays on one master).
/// </summary>
public static class ClusterPrefixes
{
    /// <summary>Why these prefixes cannot work on a cluster; empty when they can.</summary>
    public static IReadOnlyList<string> Problems(RedisOptions options)
    {
        var problems = new List<string>();
        if (HashTagOf(options.KeyPrefix) is { } tag)
            problems.Add($"Redis__KeyPrefix '{options.KeyPrefix}' holds the hash tag '{{{tag}}}': on a Redis Cluster every key would hash to one slot " +
                "on one master. Use a prefix without braces (the default 'lo:'): the keys carry their own tags.");
        if (HashTagOf(options.HangfirePrefix) is null)
            problems.Add($"Redis__HangfirePrefix '{options.HangfirePrefix}' holds no hash tag: on a Redis Cluster Hangfire's multi-key operations " +
                "would span slots and fail. Wrap it in braces, e.g. '{lo:hangfire}:' (the default).");
        return problems;
    }

    /// <summary>The hash tag Redis Cluster hashes a key on: the text between the first '{' and the next '}', if not empty.</summary>
    public static string? HashTagOf(string key)
    {
        var open = key.IndexOf('{');
        if (open < 0) return null;
        var close = key.IndexOf('}', open + 1);
        return close > open + 1 ? key[(open + 1)..close] : null;
    }
}
