using System.Diagnostics;

namespace LoginOrchestrator.Tests.Support;

/// <summary>The built API's operator verb (<c>LoginOrchestrator.Api.dll admin …</c>) run as an operator would, with a password on stdin.</summary>
public static class AdminCommandProcess
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> settings, string workingDirectory, string? stdin, params string[] args)
    {
        Directory.CreateDirectory(workingDirectory);
        var start = new ProcessStartInfo("dotnet", [LocalMachine.BuiltAssembly("src/Api", "LoginOrchestrator.Api.dll"), "admin", .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataDirectory"] = workingDirectory;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        using var process = Process.Start(start)!;
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output + await errors);
    }
}
