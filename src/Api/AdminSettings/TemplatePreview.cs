using System.Text.Json;

namespace LoginOrchestrator.Api.AdminSettings;

/// <param name="Template">The Scriban template to render.</param>
/// <param name="Sample">Values for some of the template variables; the rest take the sample data.</param>
/// <param name="Channel">email, sms or wecom: sms adds the segment warning (all channels when omitted).</param>
/// <param name="Html">Render as an HTML email body, escaping the variables.</param>
/// <param name="Notice">An account notice's template (settings <c>notices.*</c>): the notice variables, never a code.</param>
public sealed record TemplatePreviewRequest(string? Template, Dictionary<string, JsonElement>? Sample, string? Channel, bool? Html, bool? Notice = null);

public sealed record PreviewWarning(string Code, string Message);

public sealed record TemplatePreviewDto(string Output, int Length, IReadOnlyList<PreviewWarning> Warnings);
