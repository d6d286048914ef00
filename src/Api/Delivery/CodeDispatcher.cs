using System.Buffers.Text;
using System.Security.Cryptography;
using Hangfire;
using LoginOrchestrator.Api.Configuration;
using LoginOrchestrator.Api.Settings;
using LoginOrchestrator.Steps.Delivery;
using LoginOrchestrator.Templates;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Delivery;

/// <summary>
/// Renders a code's message, keeps it encrypted in a delivery record and queues a Hangfire job with the
/// delivery id only: the dashboard shows job arguments, so the code must never be one.
/// </summary>
public sealed class CodeDispatcher(
    IDeliveryStore deliveries,
    DeliveryMessageProtector protector,
    TemplateRenderer renderer,
    MessageTemplates templates,
    IBackgroundJobClient jobs,
    IOptions<LoginOptions> login,
    TimeProvider time) : ICodeDispatcher
{
    public async Task<string> DispatchAsync(CodeDispatch dispatch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var model = new MessageModel(dispatch.Code, Math.Max(1, (int)(dispatch.ExpiresAt - now).TotalSeconds),
            dispatch.UserName, dispatch.UserId, dispatch.Purpose, login.Value.AppName, now);
        var (template, sender) = await templates.ForAsync(dispatch.Channel, dispatch.Language, cancellationToken);
        var message = Render(dispatch, template, sender, model);

        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        await deliveries.CreateAsync(new DeliveryRecord(id, dispatch.FlowId, dispatch.Channel,
            ContactMask.Mask(dispatch.Channel, dispatch.Target), DeliveryStatus.Queued, 0, now, now,
            dispatch.ExpiresAt, protector.Protect(message), null), cancellationToken);
        jobs.Enqueue<SendCodeJob>(job => job.RunAsync(id, CancellationToken.None));
        return id;
    }

    public async Task<DeliveryStatus?> GetStatusAsync(string deliveryId, CancellationToken cancellationToken) =>
        (await deliveries.FindAsync(deliveryId, cancellationToken))?.Status;

    private OutgoingMessage Render(CodeDispatch dispatch, MessageTemplate template, string? sender, MessageModel model)
    {
        var text = renderer.Render(template.Content, model);
        if (dispatch.Channel != Channels.Email)
            return new OutgoingMessage(dispatch.Channel, dispatch.Target, null, text, null, sender);

        // The HTML body escapes every variable; the subject is plain text.
        var html = $"<!DOCTYPE html><html><body><p>{renderer.Render(template.Content, model, html: true)}</p></body></html>";
        return new OutgoingMessage(dispatch.Channel, dispatch.Target, renderer.Render(template.Title ?? "", model), text, html, sender);
    }
}
