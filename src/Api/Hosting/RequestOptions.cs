using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Section <c>Requests</c>.</summary>
public sealed class RequestOptions
{
    public const string Section = "Requests";
    public const int DefaultDeadlineSeconds = 10;

    /// <summary>How long a request may take before it answers 503 <c>dependency_unavailable</c> with nothing issued.</summary>
    [Range(1, 120)]
    public int DeadlineSeconds { get; set; } = DefaultDeadlineSeconds;
}
