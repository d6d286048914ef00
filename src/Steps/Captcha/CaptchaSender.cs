using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Steps.Delivery;

namespace LoginOrchestrator.Steps.Captcha;

/// <summary>
/// Issues a new code (the old one dies) and hands it to delivery; the flow keeps only the ticket. The code and its
/// delivery record are written with the flow's save, and the send is queued from the flow's outbox after the answer.
/// </summary>
public sealed class CaptchaSender(ICodeSendLimiter limiter, CaptchaCodes codes, ICodeDispatcher dispatcher) : ICaptchaSender
{
    public async Task<SendAllowance> SendAsync(StepContext context, LoginUser user, string channel, string target, bool pendingBind)
    {
        var (flow, policy, cancellationToken) = (context.Flow, context.Policy, context.CancellationToken);
        var allowance = await limiter.TryAcquireAsync(user.UserId, target, context.Client.IpAddress, cancellationToken);
        if (!allowance.Allowed) return allowance;
        var (issued, storeCode) = await codes.PrepareAsync(flow.Id, channel, target, policy.CodeLength, TimeSpan.FromSeconds(policy.CodeExpireSeconds), cancellationToken);
        var delivery = await dispatcher.PrepareAsync(new CodeDispatch(
            flow.Id, channel, target, issued.Code, issued.ExpiresAt, pendingBind ? "bind" : "login",
            user.UserId, user.Name, context.Client.Language), cancellationToken);
        context.Writes.Add(storeCode);
        context.Writes.Add(delivery.WriteAsync);
        context.Writes.Leave(new OutboxMessage.SendCode(delivery.DeliveryId));
        var deliveryId = delivery.DeliveryId;
        flow.Captcha = new CaptchaTicket
        {
            Channel = channel,
            MaskedTarget = ContactMask.Mask(channel, target),
            ExpiresAt = issued.ExpiresAt,
            ResendAvailableAt = context.Now + LoginPolicy.ResendCooldown,
            Sends = (flow.Captcha?.Sends ?? 0) + 1,
            DeliveryId = deliveryId,
            PendingBindTarget = pendingBind ? target : null,
        };
        flow.Message = FlowCodes.CodeSent;
        return allowance;
    }
}
