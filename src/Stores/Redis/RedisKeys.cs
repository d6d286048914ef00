using LoginOrchestrator.Orchestrator.Policy;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>The key names of every Redis value this service keeps, under the configured prefix.</summary>
public sealed class RedisKeys(IOptions<RedisOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    public RedisKey Flow(string flowId) => $"{FlowKeyPrefix}{flowId}";
    public string FlowKeyPrefix => $"{_prefix}flow:";
    public RedisKey FlowLease(string flowId) => $"{_prefix}flow-lease:{flowId}";
    public RedisKey FlowsByExpiry => $"{_prefix}flows-by-expiry";
    public RedisKey FlowsClaimed => $"{_prefix}flows-claimed";
    public RedisKey RecoveryFlow(string flowId) => $"{_prefix}recovery:{flowId}";
    public RedisKey RecoveryFlowLease(string flowId) => $"{_prefix}recovery-lease:{flowId}";
    public RedisKey Captcha(string flowId) => $"{_prefix}captcha:{flowId}";
    public RedisKey Session(string tokenHash) => $"{_prefix}session:{tokenHash}";
    public RedisKey UserSessions(string userId) => $"{_prefix}user-sessions:{UserIds.Canonical(userId)}";
    public RedisKey Failures(string userId, string kind) => $"{_prefix}failures:{kind}:{UserIds.Canonical(userId)}";
    public RedisKey LockedUntil(string userId) => $"{_prefix}locked-until:{UserIds.Canonical(userId)}";
    public RedisKey RequestsFromIp(string clientIp, long minute) => $"{_prefix}requests:{minute}:ip:{clientIp}";
    public RedisKey RequestsFromAll(long minute) => $"{_prefix}requests:{minute}:all";
    public RedisKey Delivery(string deliveryId) => $"{_prefix}delivery:{deliveryId}";
    public RedisKey DeliveryMessage(string deliveryId) => $"{_prefix}delivery-message:{deliveryId}";
    public RedisKey CodeSends(string counter) => $"{_prefix}code-sends:{counter}";
    public RedisKey WeComAccessToken => $"{_prefix}wecom:access-token";
    public RedisKey WeComAccessTokenLock => $"{_prefix}wecom:access-token-lock";
    public RedisChannel SettingsChanged => RedisChannel.Literal($"{_prefix}settings-changed");
}
