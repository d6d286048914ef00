using System.ComponentModel;
using System.Text.Json;
using Hangfire;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Telemetry;
using LoginOrchestrator.Steps.Delivery;
using LoginOrchestrator.Templates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Steps.Notices;

/// <summary>
/// Renders an account notice from its template in the settings (in the user's language) and hands it to delivery: a
/// delivery record and <see cref="SendCodeJob"/>, with the same retries as a code. Sent to the account's proven email
/// (or the address the notice names); a user without one is not told by mail.
/// </summary>
public sealed class NoticeJob(
    IUserAccounts accounts,
    IMessageTemplates templates,
    TemplateRenderer renderer,
    IDeliveryStore deliveries,
    DeliveryMessageProtector messages,
    IBackgroundJobClient jobs,
    IDataProtectionProvider protection,
    IOptions<DeliveryOptions> options,
    LoginMetrics metrics,
    TimeProvider time,
    ILogger<NoticeJob> logger)
{
    public const string Purpose = "LoginOrchestrator.Notices.Job.v1";

    /// <summary>A notice not sent within a day is not sent: it would only confuse.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public static string KeyOf(NoticeKind kind) => kind switch
    {
        NoticeKind.PasswordChanged => DefaultNotices.PasswordChanged,
        NoticeKind.AccountLocked => DefaultNotices.AccountLocked,
        NoticeKind.NewDevice => DefaultNotices.NewDevice,
        NoticeKind.RecoveryStarted => DefaultNotices.RecoveryStarted,
        _ => DefaultNotices.ContactChanged,
    };

    [AutomaticRetry(Attempts = 3)]
    [DisplayName("Account notice {1}, delivery {0}")]
    public async Task RunAsync(string deliveryId, string key, string protectedNotice, CancellationToken cancellationToken)
    {
        if (await deliveries.FindAsync(deliveryId, cancellationToken) is not null) return; // an earlier run got this far
        var notice = JsonSerializer.Deserialize<AccountNotice>(protection.CreateProtector(Purpose).Unprotect(protectedNotice))!;
        if (await accounts.FindAsync(notice.UserId, cancellationToken) is not { User: var user }) return;
        var to = notice.To ?? (user.EmailVerified ? user.Email : null);
        if (string.IsNullOrWhiteSpace(to))
        {
            logger.LogInformation("User {UserId} has no proven email: the {Notice} notice is not sent", user.UserId, key);
            return;
        }

        var saved = await templates.NoticeAsync(key, user.Language, cancellationToken);
        var model = new NoticeModel(key, user.Name, user.UserId, options.Value.AppName, notice.At,
            notice.ClientIp ?? "", notice.UserAgent ?? "", notice.Link ?? "", notice.Contact ?? "");
        var message = await RenderOrDefaultAsync(key, user.Language, new MessageTemplate(saved.Title, saved.Content), model, to, saved.Sender, cancellationToken);

        var now = time.GetUtcNow();
        await deliveries.CreateAsync(new DeliveryRecord(deliveryId, $"notice:{key}", Channels.Email, ContactMask.Mask(Channels.Email, to),
            DeliveryStatus.Queued, 0, now, now, notice.At + Lifetime, messages.Protect(message), null), cancellationToken);
        jobs.Enqueue<SendCodeJob>(SendCodeJob.Queue, job => job.RunAsync(deliveryId, CancellationToken.None));
    }

    /// <summary>A saved template that fails on this notice's data is replaced by the built-in one, and the failure kept for the admin.</summary>
    private async Task<OutgoingMessage> RenderOrDefaultAsync(
        string key, string language, MessageTemplate template, NoticeModel model, string to, string? sender, CancellationToken cancellationToken)
    {
        try
        {
            return RenderedMail.Of(renderer, template, model, to, sender);
        }
        catch (TemplateRenderException e)
        {
            var reason = e.Line is { } line ? $"{e.Message} (line {line}, column {e.Column})" : e.Message;
            logger.LogWarning("The saved {Notice} notice template could not be used ({Reason}); the built-in one was sent instead", key, reason);
            metrics.TemplateFellBack($"notice:{key}");
            await templates.RecordNoticeFailureAsync(key, reason, cancellationToken);
            return RenderedMail.Of(renderer, DefaultNotices.InLanguage(DefaultNotices.For(key), language), model, to, sender);
        }
    }
}
