namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>The counters one send counts against, today (UTC), their caps and the limit each is (<see cref="Ports.RateLimitKinds"/>).</summary>
public static class DailyCaps
{
    /// <param name="perIpCap">The address's cap: the default, or its known network's.</param>
    public static IReadOnlyList<(string Counter, int Cap, string Limit)> For(
        string userId, string target, string? clientIp, RateLimitOptions limits, int perIpCap, DateTimeOffset now)
    {
        var day = now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var caps = new List<(string, int, string)>
        {
            ($"user:{UserIds.Canonical(userId)}:{day}", limits.CodesPerUserPerDay, Ports.RateLimitKinds.CodesPerUser),
            ($"target:{target.ToLowerInvariant()}:{day}", limits.CodesPerTargetPerDay, Ports.RateLimitKinds.CodesPerTarget),
        };
        if (clientIp is not null) caps.Add(($"ip:{clientIp}:{day}", perIpCap, Ports.RateLimitKinds.CodesPerIp));
        return caps;
    }

    /// <summary>Today's counters of a user and of their targets (what an admin's unlock resets).</summary>
    public static IReadOnlyList<string> OfUser(string userId, IEnumerable<string> targets, DateTimeOffset now)
    {
        var day = now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return [$"user:{UserIds.Canonical(userId)}:{day}", .. targets.Select(t => $"target:{t.ToLowerInvariant()}:{day}").Distinct()];
    }

    /// <summary>Until the next UTC midnight, when the counters start again.</summary>
    public static TimeSpan UntilTomorrow(DateTimeOffset now) => now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime;
}
