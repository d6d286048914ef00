using System.Diagnostics;
using System.Globalization;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// A MariaDB server of the test's own (Debian's mariadbd on a fresh data directory, without grant tables: any user
/// connects), to kill, pause and start again while the shared server serves the other tests.
/// </summary>
public sealed class MariaDbProcess : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"lo-mariadb-{Guid.NewGuid():N}");
    private Process? _process;

    private MariaDbProcess(int port) => Port = port;

    public int Port { get; }

    /// <summary>A connection string without a database: the service creates its own.</summary>
    public string ConnectionString(string database) => $"Server=127.0.0.1;Port={Port};User ID=lo;Password=unused;Database={database}";

    public static async Task<MariaDbProcess> StartAsync()
    {
        var server = new MariaDbProcess(LocalMachine.FreePort());
        Directory.CreateDirectory(server._directory);
        await RunAsync("chown", "mysql:mysql", server._directory);
        await RunAsync("mariadb-install-db", "--user=mysql", $"--datadir={server.DataDirectory}", "--skip-test-db", "--auth-root-authentication-method=normal");
        await server.StartAgainAsync();
        return server;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    public async Task StartAgainAsync()
    {
        _process = Process.Start(new ProcessStartInfo("mariadbd",
        [
            "--user=mysql", $"--datadir={DataDirectory}", "--bind-address=127.0.0.1", $"--port={Port.ToString(CultureInfo.InvariantCulture)}",
            $"--socket={Path.Combine(_directory, "mysqld.sock")}", "--skip-grant-tables", $"--log-error={Path.Combine(_directory, "error.log")}",
            "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
        ]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var log = Path.Combine(_directory, "error.log");
        await Eventually.ListeningAsync(Port, TimeSpan.FromSeconds(30),
            () => $"mariadbd did not listen on {Port}: {(File.Exists(log) ? File.ReadAllText(log) : "no log")}");
    }

    /// <summary>kill -9: the server is gone mid-answer, connections reset.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}");
    }
}
