using System.Diagnostics;
using LoginOrchestrator.Api.Hosting;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LoginOrchestrator.Bench.Load;

/// <summary>
/// Measure 5: the clean-up job's time for the same number of expired flows beside more and more live
/// ones. Flows are copies of one real flow under new ids, written the way the store writes them
/// (the flow's key with its lifetime, its entry in the expiry index).
/// </summary>
public static class CleanupScaling
{
    public sealed record CleanupRun(int Live, int Expired, double Seconds, int Audited, long LiveAfter, double SeedSeconds);

    public static async Task<IReadOnlyList<CleanupRun>> MeasureAsync(InProcessHost host, int expired, IReadOnlyList<int> liveCounts)
    {
        var keys = host.Services.GetRequiredService<RedisKeys>();
        var db = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var client = new FlowClient(host.CreateClient());
        var templateId = FlowClient.Id(await client.StartAsync());
        var template = (string)(await db.StringGetDeleteAsync(keys.Flow(templateId)))!;
        await db.SortedSetRemoveAsync(keys.FlowsByExpiry(RedisKeys.ExpiryBucketOf(templateId)), templateId);

        var runs = new List<CleanupRun>();
        var alreadyLive = await IndexedAsync(db, keys); // flows of earlier measures, not yet expired
        foreach (var live in liveCounts)
        {
            var seeding = Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            await SeedAsync(db, keys, template, templateId, "live", live, now.AddMinutes(10));
            await SeedAsync(db, keys, template, templateId, $"gone{live}-", expired, now.AddMinutes(-1));
            seeding.Stop();

            var auditedBefore = await host.WithDbAsync(d => d.LoginAudit.CountAsync());
            var watch = Stopwatch.StartNew();
            await using (var scope = host.Services.CreateAsyncScope())
                await ActivatorUtilities.CreateInstance<HousekeepingJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
            watch.Stop();
            var audited = await host.WithDbAsync(d => d.LoginAudit.CountAsync()) - auditedBefore;
            var liveAfter = await IndexedAsync(db, keys) - alreadyLive;
            runs.Add(new CleanupRun(live, expired, watch.Elapsed.TotalSeconds, audited, liveAfter, seeding.Elapsed.TotalSeconds));
            Console.WriteLine($"  clean-up: {expired} expired beside {live} live: {watch.Elapsed.TotalSeconds:F2} s; audited {audited}; live after {liveAfter}");
            if (audited != expired || liveAfter != live)
                throw new InvalidOperationException($"The clean-up audited {audited} of {expired} expired flows and left {liveAfter} of {live} live ones.");

            await RemoveAsync(db, keys, "live", live);
        }
        return runs;
    }

    private const int Batch = 10_000;

    /// <summary>Entries in the expiry index, over its buckets.</summary>
    private static async Task<long> IndexedAsync(IDatabase db, RedisKeys keys) =>
        (await Task.WhenAll(Enumerable.Range(0, RedisKeys.ExpiryBuckets).Select(b => db.SortedSetLengthAsync(keys.FlowsByExpiry(b))))).Sum();

    private static async Task SeedAsync(IDatabase db, RedisKeys keys, string template, string templateId, string idPrefix, int count, DateTimeOffset expiresAt)
    {
        for (var first = 0; first < count; first += Batch)
        {
            var ids = Enumerable.Range(first, Math.Min(Batch, count - first)).Select(i => $"{idPrefix}{i:D7}").ToList();
            var writes = ids.Select(id => (Task)db.StringSetAsync(keys.Flow(id), template.Replace(templateId, id), TimeSpan.FromMinutes(15))).ToList();
            writes.AddRange(ids.GroupBy(RedisKeys.ExpiryBucketOf).Select(bucket =>
                (Task)db.SortedSetAddAsync(keys.FlowsByExpiry(bucket.Key), [.. bucket.Select(id => new SortedSetEntry(id, expiresAt.ToUnixTimeMilliseconds()))])));
            await Task.WhenAll(writes);
        }
    }

    private static async Task RemoveAsync(IDatabase db, RedisKeys keys, string idPrefix, int count)
    {
        for (var first = 0; first < count; first += Batch)
        {
            var ids = Enumerable.Range(first, Math.Min(Batch, count - first)).Select(i => $"{idPrefix}{i:D7}").ToList();
            await Task.WhenAll(ids.Select(id => db.KeyDeleteAsync(keys.Flow(id))));
            await Task.WhenAll(ids.GroupBy(RedisKeys.ExpiryBucketOf).Select(bucket =>
                db.SortedSetRemoveAsync(keys.FlowsByExpiry(bucket.Key), [.. bucket.Select(id => (RedisValue)id)])));
        }
    }
}
