using System.Diagnostics;

namespace LoginOrchestrator.Bench.Load;

/// <summary>
/// A CPU-sampling trace of the API (dotnet-trace) across one measured window, and its top methods by exclusive and
/// by inclusive time: what a step spends its CPU on (bench --trace DIR).
/// </summary>
public sealed class StepTrace
{
    private readonly Process _collector;
    private readonly string _file;

    private StepTrace(Process collector, string file) => (_collector, _file) = (collector, file);

    public static async Task<StepTrace> StartAsync(int processId, string file)
    {
        var start = new ProcessStartInfo("dotnet-trace", ["collect", "-p", processId.ToString(), "--profile", "dotnet-sampled-thread-time", "-o", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var collector = Process.Start(start) ?? throw new InvalidOperationException("dotnet-trace did not start");
        // The session is open once the file exists (the tool's progress line ends in a carriage return, not a line).
        _ = collector.StandardOutput.ReadToEndAsync();
        _ = collector.StandardError.ReadToEndAsync();
        for (var waited = 0; !File.Exists(file) && waited < 100; waited++) await Task.Delay(100);
        await Task.Delay(500);
        return new StepTrace(collector, file);
    }

    /// <summary>Ends the session (the tool stops on SIGINT, as on Ctrl+C) and returns its top methods, exclusive then inclusive.</summary>
    public async Task<string> StopAsync(int top = 25)
    {
        using (var interrupt = Process.Start("kill", ["-INT", _collector.Id.ToString()])) await interrupt.WaitForExitAsync();
        await _collector.WaitForExitAsync();
        var exclusive = await ReportAsync(top, inclusive: false);
        var inclusive = await ReportAsync(top, inclusive: true);
        return $"exclusive:\n{exclusive}\ninclusive:\n{inclusive}";
    }

    private async Task<string> ReportAsync(int top, bool inclusive)
    {
        var start = new ProcessStartInfo("dotnet-trace", ["report", _file, "topN", "-n", top.ToString(), .. inclusive ? new[] { "--inclusive" } : []])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var report = Process.Start(start)!;
        var output = await report.StandardOutput.ReadToEndAsync();
        await report.WaitForExitAsync();
        return output;
    }
}
