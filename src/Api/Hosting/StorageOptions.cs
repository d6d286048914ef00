using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Section <c>Storage</c>: where the embedded defaults keep their files.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data folder (SQLite file, outbox, data protection keys), relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Where mail and SMS go when no SMTP server or SMS provider is set.</summary>
    public string? OutboxDirectory { get; set; }

    public string ResolveData(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);

    public string ResolveOutbox(string contentRoot) =>
        Path.GetFullPath(OutboxDirectory ?? Path.Combine(DataDirectory, "outbox"), contentRoot);
}
