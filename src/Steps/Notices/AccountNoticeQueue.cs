using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Hangfire;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Delivery;
using Microsoft.AspNetCore.DataProtection;

namespace LoginOrchestrator.Steps.Notices;

/// <summary>
/// Queues a <see cref="NoticeJob"/> per notice. The notice travels encrypted (the dashboard shows job arguments, and
/// a recovery's link is half of it); its delivery id is chosen here, so a retried job never sends it twice.
/// </summary>
public sealed class AccountNoticeQueue(IBackgroundJobClient jobs, IDataProtectionProvider protection) : IAccountNotices
{
    public Task NotifyAsync(AccountNotice notice, CancellationToken cancellationToken)
    {
        var deliveryId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var argument = protection.CreateProtector(NoticeJob.Purpose).Protect(JsonSerializer.Serialize(notice));
        jobs.Enqueue<NoticeJob>(SendCodeJob.Queue, job => job.RunAsync(deliveryId, NoticeJob.KeyOf(notice.Kind), argument, CancellationToken.None));
        return Task.CompletedTask;
    }
}
