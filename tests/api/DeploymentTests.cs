using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// Issue 24.4: the shipped systemd unit, checked where this machine can: systemd's own verifier accepts it, and README's
/// self-contained build, started as the unit starts it (its program, working directory and environment, with the paths
/// moved to temporary folders), serves the login page on MariaDB + Redis and stops cleanly on SIGTERM.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // systemd and a linux-x64 build
public sealed class DeploymentTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private const string InstalledAt = "/opt/loginorchestrator";
    private const string StateAt = "/var/lib/loginorchestrator";

    private static readonly string UnitFile = LocalMachine.RepositoryFile("deploy/systemd/loginorchestrator.service");

    [Fact]
    public async Task TheSystemdUnitPassesSystemdsVerifier()
    {
        // A root holding the system's units and an executable where ExecStart points, as on an installed host.
        var root = Directory.CreateDirectory(Path.Combine(factory.DataDirectory, "systemd-root")).FullName;
        var systemUnits = new[] { "/usr/lib/systemd/system", "/lib/systemd/system" }.First(Directory.Exists);
        Directory.CreateDirectory(Path.Combine(root, "usr/lib/systemd"));
        (await RunAsync("cp", ["-a", systemUnits, Path.Combine(root, "usr/lib/systemd/system")])).ExitCode.Should().Be(0);
        var unit = Path.Combine(root, "etc/systemd/system/loginorchestrator.service");
        Directory.CreateDirectory(Path.GetDirectoryName(unit)!);
        File.Copy(UnitFile, unit);
        var program = Path.Combine(root, ExecStart(await File.ReadAllLinesAsync(UnitFile)).TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(program)!);
        await File.WriteAllTextAsync(program, "#!/bin/sh\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var (exitCode, output) = await RunAsync("systemd-analyze", ["verify", $"--root={root}", "/etc/systemd/system/loginorchestrator.service"]);

        // It warns (an unknown key, a bad value) without failing: any line at all is a finding.
        (exitCode, output.Trim()).Should().Be((0, ""));
    }

    [Fact]
    public async Task ThePublishedBuildStartedAsTheUnitStartsItServesAndStopsCleanly()
    {
        await factory.AddUserAsync("published", "Published-Pass-2026");
        var work = Directory.CreateDirectory(Path.Combine(factory.DataDirectory, "publish")).FullName;
        var installed = Path.Combine(work, "opt");
        var state = Directory.CreateDirectory(Path.Combine(work, "state")).FullName;
        // README's command, on a copy of the sources: publishing for a runtime rewrites the obj/ folder it runs in.
        var sources = Path.Combine(work, "sources");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
            File.Copy(LocalMachine.RepositoryFile(file), Path.Combine(Directory.CreateDirectory(sources).FullName, file));
        CopySources(Path.GetDirectoryName(Path.GetDirectoryName(LocalMachine.RepositoryFile("src/Api/Program.cs")))!, Path.Combine(sources, "src"));
        var (published, log) = await RunAsync("dotnet",
            ["publish", "src/Api", "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", installed, "--nologo", "-v", "quiet"], sources);
        published.Should().Be(0, log);

        var unit = await File.ReadAllLinesAsync(UnitFile);
        string Moved(string value) => value.Replace(InstalledAt, installed, StringComparison.Ordinal).Replace(StateAt, state, StringComparison.Ordinal);
        var start = new ProcessStartInfo(Moved(ExecStart(unit))) { WorkingDirectory = Moved(Setting(unit, "WorkingDirectory").Single()) };
        foreach (var (key, value) in Setting(unit, "Environment").SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(Assignment))
            start.Environment[key] = Moved(value);
        // What /etc/loginorchestrator/environment holds on a host.
        foreach (var (key, value) in factory.SharedSettings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["Redis__KeyPrefix"] = $"{factory.RedisPrefix}published:";
        start.Environment["Redis__HangfirePrefix"] = $"{{{factory.RedisPrefix}published:hangfire}}:";

        await using var api = await ApiProcess.StartAsync(start, TimeSpan.FromSeconds(90));
        using var page = await api.Client.GetAsync("/");
        var flow = await new FlowClient(api.Client).LoginAsync("published", "Published-Pass-2026");
        var (took, exitCode) = await api.TerminateAsync(within: TimeSpan.FromSeconds(40));

        page.StatusCode.Should().Be(HttpStatusCode.OK, "the pages are found beside the program (the unit's content root)");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<html");
        flow.State.Should().Be("Issued", flow.Body.ToString());
        exitCode.Should().Be(0, api.Output);
        took.Should().BeLessThan(TimeSpan.FromSeconds(35));
        Directory.EnumerateFileSystemEntries(installed, "data").Should().BeEmpty("nothing is written beside the program (ProtectSystem=strict)");
    }

    /// <summary>
    /// No container runtime here: the compose example is checked for what would break it first. Every placeholder of the
    /// proxy template is given, the files it names exist, and the instances trust exactly the proxy's network.
    /// </summary>
    [Fact]
    public async Task TheComposeExampleFillsTheProxyTemplateAndTrustsOnlyItsNetwork()
    {
        var composeFile = LocalMachine.RepositoryFile("deploy/compose/compose.yaml");
        var compose = await File.ReadAllTextAsync(composeFile);
        var template = await File.ReadAllTextAsync(LocalMachine.RepositoryFile("deploy/nginx/loginorchestrator.conf.template"));

        var needed = Regex.Matches(template, @"\$\{(LO_[A-Z_]+)\}").Select(m => m.Groups[1].Value).ToHashSet();
        var given = Regex.Matches(compose, @"^\s+(LO_[A-Z_]+):", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        needed.Should().NotBeEmpty().And.BeSubsetOf(given);

        var here = Path.GetDirectoryName(composeFile)!;
        File.Exists(Path.Combine(here, "../nginx/loginorchestrator.conf.template")).Should().BeTrue();
        File.Exists(Path.Combine(here, "../..", "deploy/container/Dockerfile")).Should().BeTrue();
        File.Exists(Path.Combine(here, "example.env")).Should().BeTrue();
        var trusted = Regex.Match(compose, "Proxy__TrustedNetworks__0: \"([^\"]+)\"").Groups[1].Value;
        var subnet = Regex.Match(compose, @"- subnet: (\S+)").Groups[1].Value;
        (trusted, compose.Contains("Proxy__TrustedNetworks__1", StringComparison.Ordinal)).Should().Be((subnet, false));
    }

    private static string ExecStart(IEnumerable<string> unit) => Setting(unit, "ExecStart").Single();

    private static IEnumerable<string> Setting(IEnumerable<string> unit, string key) =>
        unit.Where(line => line.StartsWith(key + "=", StringComparison.Ordinal)).Select(line => line[(key.Length + 1)..].Trim());

    private static (string Key, string Value) Assignment(string assignment) =>
        assignment.Split('=', 2) is [var key, var value] ? (key, value) : throw new FormatException($"Not KEY=VALUE: {assignment}");

    /// <summary>A source tree without its build output.</summary>
    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(from))
            if (Path.GetFileName(directory) is not ("bin" or "obj" or "data"))
                CopySources(directory, Path.Combine(to, Path.GetFileName(directory)));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
