using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>Section <c>Redis</c>; the connection itself is <c>ConnectionStrings__Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>
    /// Every key this service writes starts with this, so one Redis can serve several deployments. No hash tag in it on
    /// a cluster (<see cref="ClusterPrefixes"/>).
    /// </summary>
    [Required, MinLength(1)]
    public string KeyPrefix { get; set; } = "lo:";

    /// <summary>
    /// Hangfire's own prefix: instances sharing it share (and run once) their jobs. One hash tag, so that on a Redis
    /// Cluster all of Hangfire's keys share a slot (<see cref="ClusterPrefixes"/>).
    /// </summary>
    [Required, MinLength(1)]
    public string HangfirePrefix { get; set; } = "{lo:hangfire}:";
}
