using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Section <c>Housekeeping</c>.</summary>
public sealed class HousekeepingOptions
{
    public const string Section = "Housekeeping";

    /// <summary>How often each instance checks that the recurring clean-up is still registered in the job storage.</summary>
    [Range(1, 3600)]
    public int RecurringCheckSeconds { get; set; } = 60;
}
