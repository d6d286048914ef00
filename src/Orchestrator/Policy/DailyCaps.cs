namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>The counters one send counts against, today (UTC), and their caps.</summary>
public static class DailyCaps
{
    public static IReadOnlyList<(string Counter, int Cap)> For(string userId, string target, string? clientIp, RateLimitOptions limits, DateTimeOffset now)
    {
        var day = now.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var caps = new List<(string, int)>
        {
            ($"user:{UserIds.Canonical(userId)}:{day}", limits.CodesPerUserPerDay),
            ($"target:{target.ToLowerInvariant()}:{day}", limits.CodesPerTargetPerDay),
        };
        if (clientIp is not null) caps.Add(($"ip:{clientIp}:{day}", limits.CodesPerIpPerDay));
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
