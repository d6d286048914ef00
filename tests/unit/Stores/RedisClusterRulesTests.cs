using LoginOrchestrator.Stores;
using LoginOrchestrator.Stores.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Unit.Tests.Stores;

/// <summary>Issue 21: what a Redis Cluster requires of the key names, and how its refusals are answered.</summary>
public sealed class RedisClusterRulesTests
{
    private static readonly RedisKeys Keys = new(Options.Create(new RedisOptions()));

    [Fact]
    public void TheDefaultPrefixesFitACluster() => ClusterPrefixes.Problems(new RedisOptions()).Should().BeEmpty();

    [Theory]
    [InlineData("{lo}:", "{lo:hangfire}:", "Redis__KeyPrefix")]
    [InlineData("lo:", "lo:hangfire:", "Redis__HangfirePrefix")]
    [InlineData("lo:", "{}:hangfire:", "Redis__HangfirePrefix")]
    public void APrefixThatWouldSplitOrPileUpIsNamed(string keyPrefix, string hangfirePrefix, string named) =>
        ClusterPrefixes.Problems(new RedisOptions { KeyPrefix = keyPrefix, HangfirePrefix = hangfirePrefix })
            .Should().ContainSingle().Which.Should().StartWith(named);

    /// <summary>The keys each atomic operation touches share one hash tag.</summary>
    [Fact]
    public void EachOperationsKeysShareOneSlot()
    {
        Tag(Keys.Flow("f1")).Should().Be(Tag(Keys.FlowLease("f1"))).And.Be(Tag(Keys.Captcha("f1")));
        Tag(Keys.Delivery("d1")).Should().Be(Tag(Keys.DeliveryMessage("d1")));
        Tag(Keys.UserSessions("Zhang")).Should().Be(Tag(Keys.LockedUntil("zhang"))).And.Be(Tag(Keys.Failures("ZHANG", "password")));
        var bucket = RedisKeys.ExpiryBucketOf("f1");
        Tag(Keys.FlowsByExpiry(bucket)).Should().Be(Tag(Keys.FlowsClaimed(bucket)));
        Tag(Keys.Flow("f1")).Should().NotBe(Tag(Keys.Flow("f2")), "each flow has its own tag, so flows spread");
    }

    [Fact]
    public void FlowsSpreadOverEveryExpiryBucket() =>
        Enumerable.Range(0, 1000).Select(i => RedisKeys.ExpiryBucketOf($"flow-{i}")).Distinct().Should().HaveCount(RedisKeys.ExpiryBuckets);

    /// <summary>Failed before issue 21: a command Redis refused (CROSSSLOT) answered 500, not 503.</summary>
    [Fact]
    public void ARefusedRedisCommandIsADependencyFailure() =>
        DependencyFailure.Is(new RedisCommandException("Multi-key operations must involve a single slot")).Should().BeTrue();

    private static string? Tag(RedisKey key) => ClusterPrefixes.HashTagOf(key.ToString());
}
