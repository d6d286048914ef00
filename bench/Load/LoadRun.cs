using System.Collections.Concurrent;
using System.Diagnostics;

namespace LoginOrchestrator.Bench.Load;

/// <summary>Throughput and latency of one kind of request, driven by a fixed number of concurrent workers.</summary>
public sealed record LoadResult(string Name, int Workers, double Seconds, long Requests, long Errors, double PerSecond, double P50Ms, double P99Ms);

public static class LoadRun
{
    /// <summary>Runs <paramref name="request"/> from <paramref name="workers"/> loops: a warm-up, then the measured window.</summary>
    public static async Task<LoadResult> MeasureAsync(string name, int workers, TimeSpan warmUp, TimeSpan duration, Func<int, Task<bool>> request)
    {
        var latencies = new ConcurrentBag<double>();
        long requests = 0, errors = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await request(worker * 1_000_000 + i);
                if (!Volatile.Read(ref measuring)) continue;
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref requests);
                if (!ok) Interlocked.Increment(ref errors);
            }
        })).ToList();

        await Task.Delay(warmUp);
        Volatile.Write(ref measuring, true);
        var window = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = window.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var sorted = latencies.Order().ToArray();
        return new LoadResult(name, workers, seconds, requests, errors, requests / seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    /// <summary>
    /// Spends a pool of prepared items (a flow can take one correct code only), <paramref name="workers"/> at a time.
    /// The first <paramref name="warmUp"/> items are not counted; the window runs from then until the last answer.
    /// </summary>
    public static async Task<LoadResult> MeasurePoolAsync<T>(string name, int workers, int warmUp, IReadOnlyList<T> items, Func<T, Task<bool>> request)
    {
        warmUp = Math.Min(warmUp, items.Count / 2); // a small pool (a quick run) still leaves half to measure
        var latencies = new ConcurrentBag<double>();
        long errors = 0;
        var next = -1;
        var window = new Stopwatch();
        var loops = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                if (i == warmUp) window.Start();
                var started = Stopwatch.GetTimestamp();
                var ok = await request(items[i]);
                if (i < warmUp) continue;
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref errors);
            }
        })).ToList();
        await Task.WhenAll(loops);
        window.Stop();

        var sorted = latencies.Order().ToArray();
        var seconds = window.Elapsed.TotalSeconds;
        return new LoadResult(name, workers, seconds, sorted.Length, errors, sorted.Length / seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
