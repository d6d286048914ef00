using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Templates;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>A mail rendered from its templates: plain text, an HTML body that escapes every variable, a plain-text subject.</summary>
public static class RenderedMail
{
    public static OutgoingMessage Of(TemplateRenderer renderer, MessageTemplate template, TemplateModel model, string to, string? sender)
    {
        var text = renderer.Render(template.Content, model);
        var html = $"<!DOCTYPE html><html><body><p>{renderer.Render(template.Content, model, html: true)}</p></body></html>";
        return new OutgoingMessage(Channels.Email, to, renderer.Render(template.Title ?? "", model), text, html, sender);
    }
}
