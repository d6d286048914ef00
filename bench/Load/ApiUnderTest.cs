using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LoginOrchestrator.Bench.Load;

/// <summary>The built API (Release) as its own process, on a loopback port, configured for the real services.</summary>
public sealed class ApiUnderTest : IAsyncDisposable
{
    private readonly Process _process;

    private ApiUnderTest(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>CPU time the API process has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ApiUnderTest> StartAsync(string apiAssembly, IReadOnlyDictionary<string, string> settings, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [apiAssembly]) { WorkingDirectory = dataDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[api] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[api] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiUnderTest(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = api.Address };
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if (process.HasExited) throw new InvalidOperationException("The API exited during start-up.");
            try { if ((await probe.GetAsync("/healthz/ready")).StatusCode == HttpStatusCode.OK) return api; }
            catch (HttpRequestException) { }
        }
        throw new TimeoutException("The API was not ready within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
