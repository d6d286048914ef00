using System.Diagnostics;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// The one lease of the Redis stores: SET NX PX with an owner token, renewed in the background while held, released
/// only by its owner. Short-lived, so a holder that dies with its instance frees the key within seconds.
/// </summary>
public sealed class RedisLease : IAsyncDisposable
{
    private const string Release = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    private const string Renew = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";

    private readonly IDatabase _db;
    private readonly RedisKey _key;
    private readonly string _owner;
    private readonly TimeSpan _lifetime;
    // Disposed at the release: the renewal loop's wait then ends without an exception (one per step was measured).
    private readonly PeriodicTimer _renewal;

    private int _ended;

    private RedisLease(IDatabase db, RedisKey key, string owner, TimeSpan lifetime)
    {
        (_db, _key, _owner, _lifetime) = (db, key, owner, lifetime);
        _renewal = new PeriodicTimer(lifetime / 4);
        _ = RenewAsync();
    }

    /// <summary>A fresh owner token, for a script of the caller's that takes the lease with its own read.</summary>
    public static string NewOwner() => Guid.NewGuid().ToString("N");

    /// <summary>A lease the caller's script has just taken under <paramref name="owner"/>: renewed from now on, like one taken here.</summary>
    public static RedisLease Taken(IDatabase db, RedisKey key, string owner, TimeSpan lifetime) => new(db, key, owner, lifetime);

    public string Owner => _owner;

    public RedisKey Key => _key;

    /// <summary>The caller's script released it (with a write of its own): stop renewing, send nothing more.</summary>
    public void Ended()
    {
        Interlocked.Exchange(ref _ended, 1);
        _renewal.Dispose();
    }

    /// <summary>Takes the lease, waiting up to <paramref name="wait"/> for its holder; null when it is still held then.</summary>
    public static async Task<RedisLease?> TakeAsync(IDatabase db, RedisKey key, TimeSpan lifetime, TimeSpan wait, CancellationToken cancellationToken)
    {
        var owner = NewOwner();
        var (taken, _) = await RetryWhileHeldAsync(() => db.StringSetAsync(key, owner, lifetime, When.NotExists), taken => taken, wait, cancellationToken);
        return taken ? new RedisLease(db, key, owner, lifetime) : null;
    }

    /// <summary>
    /// Tries to take a lease until <paramref name="settled"/> says the attempt needs no other, or <paramref name="wait"/>
    /// has passed, pausing 5 ms, then twice as long each time up to 100 ms; says whether it had to wait.
    /// </summary>
    internal static async Task<(T Result, bool Waited)> RetryWhileHeldAsync<T>(Func<Task<T>> attempt, Func<T, bool> settled, TimeSpan wait, CancellationToken cancellationToken)
    {
        // Waiting is measured in elapsed time, not read off the (possibly simulated) clock of the domain.
        var waiting = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(5);
        for (var tries = 0; ; tries++)
        {
            var result = await attempt();
            if (settled(result) || waiting.Elapsed >= wait) return (result, tries > 0);
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 100));
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            while (await _renewal.WaitForNextTickAsync())
                await _db.ScriptEvaluateAsync(Renew, [_key], [_owner, (long)_lifetime.TotalMilliseconds]);
        }
        catch (RedisException)
        {
            // Redis is gone: the lease ends by itself when its lifetime does.
        }
    }

    /// <summary>
    /// Stops renewing and sends the release; the answer does not wait for it. On one connection Redis runs it before
    /// anything this instance sends later, and a renewal still on its way finds the key gone and does nothing.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1) return ValueTask.CompletedTask;
        _renewal.Dispose();
        _ = ReleaseAsync();
        return ValueTask.CompletedTask;
    }

    private async Task ReleaseAsync()
    {
        try { await _db.ScriptEvaluateAsync(Release, [_key], [_owner]); }
        catch (RedisException) { /* Redis is down: the lease frees itself when its lifetime ends. */ }
    }
}
