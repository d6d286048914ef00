namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>A channel's saved message in one language (a Scriban template), and who it is sent as.</summary>
/// <param name="Title">Email only.</param>
/// <param name="Sender">The email From name or the SMS signature.</param>
public sealed record SavedMessageTemplate(string? Title, string Content, string? Sender);

/// <summary>The code messages as the settings hold them now (settings.md <c>two_factor.*_config</c>).</summary>
public interface IMessageTemplates
{
    Task<SavedMessageTemplate> ForAsync(string channel, string language, CancellationToken cancellationToken);

    /// <summary>Keeps on the setting why its template failed, so the console shows it beside the field.</summary>
    Task RecordFailureAsync(string channel, string reason, CancellationToken cancellationToken);
}
