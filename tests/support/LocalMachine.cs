using System.Net;
using System.Net.Sockets;

namespace LoginOrchestrator.Tests.Support;

/// <summary>What the tests need of this machine: a free loopback port, and the programs built beside them.</summary>
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
        var testBin = new DirectoryInfo(AppContext.BaseDirectory); // tests/api/bin/<Configuration>/net10.0/
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, projectDirectory, "bin", configuration, "net10.0", assemblyName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {projectDirectory} first.", path);
    }
}
