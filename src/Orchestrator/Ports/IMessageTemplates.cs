namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>A channel's saved message in one language (a Scriban template), and who it is sent as.</summary>
/// <param name="Title">Email only.</param>
/// <param name="Sender">The email From name or the SMS signature.</param>
public sealed record SavedMessageTemplate(string? Title, string Content, string? Sender);

/// <summary>The messages as the settings hold them now (settings.md <c>two_factor.*_config</c>, <c>notices.*</c>).</summary>
public interface IMessageTemplates
{
    Task<SavedMessageTemplate> ForAsync(string channel, string language, CancellationToken cancellationToken);

    /// <summary>Keeps on the setting why its template failed, so the console shows it beside the field.</summary>
    Task RecordFailureAsync(string channel, string reason, CancellationToken cancellationToken);

    /// <summary>An account notice's mail (setting <c>notices.&lt;key&gt;</c>), sent as the code mail's sender.</summary>
    Task<SavedMessageTemplate> NoticeAsync(string key, string language, CancellationToken cancellationToken);

    Task RecordNoticeFailureAsync(string key, string reason, CancellationToken cancellationToken);
}
