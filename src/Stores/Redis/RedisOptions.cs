using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>Section <c>Redis</c>; the connection itself is <c>ConnectionStrings__Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>Every key this service writes starts with this, so one Redis can serve several deployments.</summary>
    [Required, MinLength(1)]
    public string KeyPrefix { get; set; } = "lo:";

    /// <summary>Hangfire's own prefix: instances sharing it share (and run once) their jobs.</summary>
    [Required, MinLength(1)]
    public string HangfirePrefix { get; set; } = "lo:hangfire:";
}
