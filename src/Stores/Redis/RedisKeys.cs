using System.IO.Hashing;
using System.Text;
using LoginOrchestrator.Orchestrator.Policy;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// The key names of every Redis value this service keeps, under the configured prefix. On a Redis Cluster a key's slot
/// is the hash of its first <c>{…}</c>: every atomic operation's keys share one such tag (a flow's, a delivery's, a
/// user's), and the tags are many, so the keys spread over every master. The prefix itself holds no tag (checked at
/// start-up on a cluster), or every key would hash alike. A single Redis ignores the tags.
/// </summary>
public sealed class RedisKeys(IOptions<RedisOptions> options)
{
    /// <summary>How many buckets the flows' expiry index is split into: a sweep claims from each, each on its own slot.</summary>
    public const int ExpiryBuckets = 16;

    private readonly string _prefix = options.Value.KeyPrefix;

    public string Prefix => _prefix;

    // A login flow, its lease and its captcha code: one tag, so a step's writes stay on one master.
    public RedisKey Flow(string flowId) => $"{_prefix}{{f:{flowId}}}:flow";
    public RedisKey FlowLease(string flowId) => $"{_prefix}{{f:{flowId}}}:lease";
    public RedisKey Captcha(string flowId) => $"{_prefix}{{f:{flowId}}}:captcha";
    /// <summary>A lock of the user the flow acts for, copied into the flow's slot so the flow's read sees it (RedisAccountLockout).</summary>
    public RedisKey FlowUserLock(string flowId) => $"{_prefix}{{f:{flowId}}}:user-lock";

    /// <summary>The flow's outbox (messages saved with it) and a drainer's claim on it.</summary>
    public RedisKey FlowOutbox(string flowId) => $"{_prefix}{{f:{flowId}}}:outbox";
    public RedisKey FlowOutboxClaim(string flowId) => $"{_prefix}{{f:{flowId}}}:outbox-claim";
    /// <summary>Flows whose outbox may hold messages, by when they were left (same buckets as the expiry index).</summary>
    public RedisKey OutboxIndex(int bucket) => $"{_prefix}{{ob:{bucket}}}:pending";

    /// <summary>The bucket a flow's expiry entry goes to: a stable hash of its id.</summary>
    public static int ExpiryBucketOf(string flowId) => (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(flowId)) % ExpiryBuckets);
    public RedisKey FlowsByExpiry(int bucket) => $"{_prefix}{{fx:{bucket}}}:by-expiry";
    public RedisKey FlowsClaimed(int bucket) => $"{_prefix}{{fx:{bucket}}}:claimed";

    public RedisKey RecoveryFlow(string flowId) => $"{_prefix}{{r:{flowId}}}:flow";
    public RedisKey RecoveryFlowLease(string flowId) => $"{_prefix}{{r:{flowId}}}:lease";

    // A session under its own tag; its user's index, lock-out and failure counters under the user's.
    public RedisKey Session(string tokenHash) => $"{_prefix}{{s:{tokenHash}}}";
    public RedisKey UserSessions(string userId) => $"{_prefix}{{u:{UserIds.Canonical(userId)}}}:sessions";
    public RedisKey Failures(string userId, string kind) => $"{_prefix}{{u:{UserIds.Canonical(userId)}}}:failures:{kind}";
    public RedisKey LockedUntil(string userId) => $"{_prefix}{{u:{UserIds.Canonical(userId)}}}:locked-until";
    /// <summary>The flows acting for the user (by expiry): where a lock is copied to.</summary>
    public RedisKey UserFlows(string userId) => $"{_prefix}{{u:{UserIds.Canonical(userId)}}}:flows";

    /// <summary>Before version 21's key design: sessions written then are read (and ended) until they expire by themselves.</summary>
    public RedisKey LegacySession(string tokenHash) => $"{_prefix}session:{tokenHash}";
    public RedisKey LegacyUserSessions(string userId) => $"{_prefix}user-sessions:{UserIds.Canonical(userId)}";

    // Counters: one key each, each its own slot; an address's two windows share one, so one script reads both.
    public RedisKey AttemptsFromIp(string clientIp, long minute) => $"{_prefix}{{ip:{clientIp}}}:attempts:{minute}";
    public RedisKey FailuresFromIp(string clientIp, long hour) => $"{_prefix}{{ip:{clientIp}}}:failures:{hour}";
    public RedisKey CodeSends(string counter) => $"{_prefix}code-sends:{counter}";

    // A delivery's record and its encrypted message, written together.
    public RedisKey Delivery(string deliveryId) => $"{_prefix}{{d:{deliveryId}}}:record";
    public RedisKey DeliveryMessage(string deliveryId) => $"{_prefix}{{d:{deliveryId}}}:message";
    public RedisKey DeliveryAttempt(string deliveryId, int attempt) => $"{_prefix}{{d:{deliveryId}}}:attempt:{attempt}";

    /// <summary>The refusals of one minute, by limit, address and account (the admin's last hour); one slot for them all.</summary>
    public RedisKey RateLimitRefusals(long minute) => $"{_prefix}{{rl}}:refusals:{minute}";

    public RedisKey WeComAccessToken => $"{_prefix}wecom:access-token";
    public RedisKey WeComAccessTokenLock => $"{_prefix}wecom:access-token-lock";
    public RedisChannel SettingsChanged => RedisChannel.Literal($"{_prefix}settings-changed");
}
