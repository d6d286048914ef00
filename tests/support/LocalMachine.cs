using System.Net;
using System.Net.Sockets;

namespace LoginOrchestrator.Tests.Support;

/// <summary>What the tests need of this machine: a free loopback port, and the programs built beside them and the repository's files.</summary>
public static class LocalMachine
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An assembly the solution built in the test's own configuration, e.g. <c>("src/Api", "LoginOrchestrator.Api.dll")</c>.</summary>
    public static string BuiltAssembly(string projectDirectory, string assemblyName)
    {
        var path = Path.Combine(RepositoryRoot, projectDirectory, "bin", Configuration, "net10.0", assemblyName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectDirectory} first.", path);
    }

    /// <summary>A file of the repository, e.g. <c>deploy/nginx/loginorchestrator.conf.template</c>.</summary>
    public static string RepositoryFile(string relativePath)
    {
        var path = Path.Combine(RepositoryRoot, relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException("Not in the repository.", path);
    }

    private static DirectoryInfo TestBin => new(AppContext.BaseDirectory); // tests/<project>/bin/<Configuration>/net10.0/
    private static string Configuration => TestBin.Parent!.Name;
    private static string RepositoryRoot => TestBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
}
