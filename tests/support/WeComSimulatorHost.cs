using System.Net.Http.Json;
using System.Text.Json;
using System.Diagnostics;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// The WeCom simulator as its own process on a loopback port, with a client for its controls. A process,
/// not an in-process host: its "down" mode drops connections, which must not reach the test host's requests.
/// </summary>
public sealed class WeComSimulatorHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _usersFile;

    private WeComSimulatorHost(Process process, string usersFile, string url)
    {
        _process = process;
        _usersFile = usersFile;
        Url = url;
        Control = new HttpClient { BaseAddress = new Uri(url) };
    }

    public string Url { get; }
    public HttpClient Control { get; }

    public static async Task<WeComSimulatorHost> StartAsync(object[] users)
    {
        var usersFile = Path.Combine(Path.GetTempPath(), $"wecom-users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(usersFile, JsonSerializer.Serialize(users));
        var port = LocalMachine.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var process = Process.Start(new ProcessStartInfo("dotnet", [LocalMachine.BuiltAssembly("tools/WeComSimulator", "WeComSimulator.dll"), "--urls", url, "--Simulator:UsersFile", usersFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new WeComSimulatorHost(process, usersFile, url);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await host.Control.GetAsync("/_sim/stats")).IsSuccessStatusCode) return host;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
            if (process.HasExited || DateTime.UtcNow >= deadline) throw new InvalidOperationException("The WeCom simulator did not start.");
            await Task.Delay(100);
        }
    }

    public async Task<int> TokensIssuedAsync() =>
        (await Control.GetFromJsonAsync<JsonElement>("/_sim/stats")).GetProperty("tokensIssued").GetInt32();

    public async Task<IReadOnlyList<(string To, string Content)>> MessagesAsync() =>
        [.. (await Control.GetFromJsonAsync<JsonElement>("/_sim/stats")).GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("toUser").GetString()!, m.GetProperty("content").GetString()!))];

    public Task FailAsync(string? endpoint = null, int? errcode = null, bool down = false, int latencyMs = 0) =>
        Control.PostAsJsonAsync("/_sim/failure", new { endpoint, errcode, down, latencyMs });

    public Task HealAsync() => Control.DeleteAsync("/_sim/failure");

    public Task AddOAuthCodeAsync(string code, string? userId = null, string? openId = null) =>
        Control.PostAsJsonAsync("/_sim/oauth-codes", new { code, userid = userId, openid = openId });

    public Task PutUserAsync(string userId, string name, int status, int[] department, string? email = null) =>
        Control.PutAsJsonAsync($"/_sim/users/{userId}", new { userid = userId, name, department, status, email });

    public Task RemoveUserAsync(string userId) => Control.DeleteAsync($"/_sim/users/{userId}");

    public Task PutDepartmentAsync(int id, string name, int parentId = 1) =>
        Control.PutAsJsonAsync($"/_sim/departments/{id}", new { id, name, parentid = parentId });

    public Task ExpireTokensAsync() => Control.PostAsync("/_sim/expire-tokens", null);

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        File.Delete(_usersFile);
    }
}
