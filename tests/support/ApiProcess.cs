using System.Diagnostics;
using System.Net;
using System.Text;

namespace LoginOrchestrator.Tests.Support;

/// <summary>A second instance of the service: the built API run as its own process on a loopback port.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
        Client = new HttpClient { BaseAddress = Address };
    }

    /// <summary>Where it listens (plain HTTP on loopback).</summary>
    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The process id (Hangfire names its servers after it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the process wrote to its console so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <param name="readiness">How long it may take to answer ready (default 60 s).</param>
    public static Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string dataDirectory, TimeSpan? readiness = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet", [LocalMachine.BuiltAssembly("src/Api", "LoginOrchestrator.Api.dll")]) { WorkingDirectory = dataDirectory };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        return StartAsync(start, readiness);
    }

    /// <summary>
    /// Any build of the service (a published one, say) started as <paramref name="start"/> says; it is given a free
    /// loopback port (<c>ASPNETCORE_URLS</c>) and must answer ready there.
    /// </summary>
    public static async Task<ApiProcess> StartAsync(ProcessStartInfo start, TimeSpan? readiness = null)
    {
        var port = LocalMachine.FreePort();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";

        var api = new ApiProcess(Process.Start(start)!, port);
        api._process.OutputDataReceived += (_, e) => api.Append(e.Data);
        api._process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        try
        {
            await api.WaitUntilReadyAsync(readiness ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    private async Task WaitUntilReadyAsync(TimeSpan readiness)
    {
        var deadline = DateTime.UtcNow + readiness;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // HasExited can be true before the last lines are read; waiting drains both redirected streams.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The second instance exited:\n{Output}");
            }
            try
            {
                if ((await Client.GetAsync("/healthz/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The second instance was not ready in time:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>
    /// Stops it as systemd or a container runtime does: SIGTERM, then waits for it to exit on its own.
    /// Returns how long it took and its exit code.
    /// </summary>
    public async Task<(TimeSpan Took, int ExitCode)> TerminateAsync(TimeSpan within)
    {
        var started = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            await kill.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Still running {within} after SIGTERM:\n{Output}");
        }
        return (started.Elapsed, _process.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
