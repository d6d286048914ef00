using System.Buffers.Text;
using System.Security.Cryptography;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Telemetry;
using LoginOrchestrator.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>
/// Renders a code's message, keeps it encrypted in a delivery record and has its send queued (a Hangfire job with the
/// delivery id only: the dashboard shows job arguments, so the code must never be one).
/// </summary>
public sealed class CodeDispatcher(
    IDeliveryStore deliveries,
    DeliveryMessageProtector protector,
    TemplateRenderer renderer,
    IMessageTemplates templates,
    IOutboxHandler sends,
    IOptions<DeliveryOptions> options,
    LoginMetrics metrics,
    TimeProvider time,
    ILogger<CodeDispatcher> logger) : ICodeDispatcher
{
    public async Task<string> DispatchAsync(CodeDispatch dispatch, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(dispatch, cancellationToken);
        await prepared.WriteAsync(cancellationToken);
        // Outside a flow's commit there is no outbox to write with: the send is handed on at once, by the same handler.
        await sends.HandleAsync([new OutboxMessage.SendCode(prepared.DeliveryId)], cancellationToken);
        return prepared.DeliveryId;
    }

    public async Task<PreparedDelivery> PrepareAsync(CodeDispatch dispatch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var model = new MessageModel(dispatch.Code, Math.Max(1, (int)(dispatch.ExpiresAt - now).TotalSeconds),
            dispatch.UserName, dispatch.UserId, dispatch.Purpose, options.Value.AppName, now);
        var saved = await templates.ForAsync(dispatch.Channel, dispatch.Language, cancellationToken);
        var message = await RenderOrDefaultAsync(dispatch, new MessageTemplate(saved.Title, saved.Content), saved.Sender, model, cancellationToken);

        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var record = new DeliveryRecord(id, dispatch.FlowId, dispatch.Channel,
            ContactMask.Mask(dispatch.Channel, dispatch.Target), DeliveryStatus.Queued, 0, now, now,
            dispatch.ExpiresAt, protector.Protect(message), null);
        return new PreparedDelivery(id, token => deliveries.CreateAsync(record, token));
    }

    /// <summary>A code still queued when it expires could not be sent in its lifetime: the flow shows it failed.</summary>
    public async Task<DeliveryStatus?> GetStatusAsync(string deliveryId, CancellationToken cancellationToken) =>
        await deliveries.FindAsync(deliveryId, cancellationToken) is { } record
            ? record.Status == DeliveryStatus.Queued && time.GetUtcNow() >= record.CodeExpiresAt ? DeliveryStatus.Failed : record.Status
            : null;

    /// <summary>
    /// A saved template that fails on this message's data, or renders without the code, never stops a login: the
    /// built-in template is sent instead, and the failure is logged (without the code), counted and kept for the admin.
    /// </summary>
    private async Task<OutgoingMessage> RenderOrDefaultAsync(
        CodeDispatch dispatch, MessageTemplate template, string? sender, MessageModel model, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var message = Render(dispatch, template, sender, model);
            if (message.Text.Contains(model.Code, StringComparison.Ordinal)) return message;
            reason = "The message showed no code.";
        }
        catch (TemplateRenderException e)
        {
            reason = e.Line is { } line ? $"{e.Message} (line {line}, column {e.Column})" : e.Message;
            // A runtime error may quote a value: the code never goes to a log or the database.
            reason = reason.Replace(model.Code, "******", StringComparison.Ordinal);
        }
        logger.LogWarning("The saved {Channel} code template could not be used ({Reason}); the built-in template was sent instead",
            dispatch.Channel, reason);
        metrics.TemplateFellBack(dispatch.Channel);
        await templates.RecordFailureAsync(dispatch.Channel, reason, cancellationToken);
        return Render(dispatch, DefaultTemplates.For(dispatch.Channel, dispatch.Language), sender, model);
    }

    private OutgoingMessage Render(CodeDispatch dispatch, MessageTemplate template, string? sender, MessageModel model) =>
        dispatch.Channel == Channels.Email
            ? RenderedMail.Of(renderer, template, model, dispatch.Target, sender)
            : new OutgoingMessage(dispatch.Channel, dispatch.Target, null, renderer.Render(template.Content, model), null, sender);
}
