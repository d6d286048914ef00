using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LoginOrchestrator.Bench.Load;

/// <summary>
/// Load from wrk (Debian's package; bench/run.sh installs it): a C load generator in its own process, far lighter than
/// an HttpClient loop, so on a 2-core machine the API under test keeps most of the cores. Reads cycle through a list of
/// paths (a Lua script), so each connection reads many flows.
/// </summary>
public static partial class Wrk
{
    public static bool IsInstalled => File.Exists("/usr/bin/wrk");

    public static async Task<LoadResult> MeasureAsync(string name, Uri address, IReadOnlyList<string> paths, TimeSpan warmUp, TimeSpan duration, int connections = 64)
    {
        var script = Path.Combine(Path.GetTempPath(), $"lo-bench-wrk-{Guid.NewGuid():N}");
        await File.WriteAllLinesAsync(script + ".paths", paths);
        await File.WriteAllTextAsync(script + ".lua", """
            local paths = {}
            local n = 0
            init = function(args)
              for line in io.lines(args[1]) do paths[#paths + 1] = line end
            end
            request = function()
              n = n + 1
              return wrk.format("GET", paths[(n % #paths) + 1])
            end
            """);
        try
        {
            await RunAsync(address, script, warmUp, connections); // the JIT and the pools warm up; not counted
            var output = await RunAsync(address, script, duration, connections);
            var requests = long.Parse(Match(RequestsLine(), output), CultureInfo.InvariantCulture);
            var seconds = double.Parse(Match(SecondsLine(), output), CultureInfo.InvariantCulture);
            var errors = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            errors += SocketErrors().Matches(output).Sum(e => long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture));
            return new LoadResult(name, connections, seconds, requests, errors, requests / seconds, Latency(output, "50%"), Latency(output, "99%"));
        }
        finally
        {
            File.Delete(script + ".paths");
            File.Delete(script + ".lua");
        }
    }

    private static async Task<string> RunAsync(Uri address, string script, TimeSpan duration, int connections)
    {
        var start = new ProcessStartInfo("wrk", [
            "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)Math.Ceiling(duration.TotalSeconds)}s",
            "--latency", "-s", script + ".lua", address.ToString(), "--", script + ".paths"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {await wrk.StandardError.ReadToEndAsync()}\n{output}");
        return output;
    }

    /// <summary>A latency line of wrk's distribution ("99%    6.10ms"), in milliseconds.</summary>
    private static double Latency(string output, string percentile)
    {
        var line = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!line.Success) return double.NaN;
        var value = double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
        return line.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static string Match(Regex regex, string output) =>
        regex.Match(output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"Unexpected wrk output:\n{output}");

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"requests in ([\d.]+)s")]
    private static partial Regex SecondsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrors();
}
