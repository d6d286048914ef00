using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Hangfire;
using LoginOrchestrator.Api.Configuration;
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
    IBackgroundJobClient jobs,
    IOptions<LoginOptions> login,
    TimeProvider time) : ICodeDispatcher
{
    public async Task<string> DispatchAsync(CodeDispatch dispatch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var model = new MessageModel(dispatch.Code, Math.Max(1, (int)(dispatch.ExpiresAt - now).TotalSeconds),
            dispatch.UserName, dispatch.UserId, dispatch.Purpose, login.Value.AppName, now);
        var message = Render(dispatch, model);

        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        await deliveries.CreateAsync(new DeliveryRecord(id, dispatch.FlowId, dispatch.Channel,
            ContactMask.Mask(dispatch.Channel, dispatch.Target), DeliveryStatus.Queued, 0, now, now,
            dispatch.ExpiresAt, protector.Protect(message), null), cancellationToken);
        jobs.Enqueue<SendCodeJob>(job => job.RunAsync(id, null, CancellationToken.None));
        return id;
    }

    public async Task<DeliveryStatus?> GetStatusAsync(string deliveryId, CancellationToken cancellationToken) =>
        (await deliveries.FindAsync(deliveryId, cancellationToken))?.Status;

    private OutgoingMessage Render(CodeDispatch dispatch, MessageModel model)
    {
        switch (dispatch.Channel)
        {
            case Channels.Email:
                var email = DefaultTemplates.Email(dispatch.Language);
                var html = $"<!DOCTYPE html><html><body><p>{renderer.Render(email.Content, model, html: true)}</p></body></html>";
                return new OutgoingMessage(dispatch.Channel, dispatch.Target,
                    WebUtility.HtmlDecode(renderer.Render(email.Title!, model)), renderer.Render(email.Content, model), html);
            case Channels.Sms:
                return new OutgoingMessage(dispatch.Channel, dispatch.Target, null, renderer.Render(DefaultTemplates.Sms(dispatch.Language).Content, model), null);
            default:
                return new OutgoingMessage(dispatch.Channel, dispatch.Target, null, renderer.Render(DefaultTemplates.WeCom(dispatch.Language).Content, model), null);
        }
    }
}
