using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// The host on a real Kestrel port: requests arrive over real connections, from 127.0.0.1, as the
/// dashboard, the body-size limit and the client-IP rules need.
/// </summary>
public class KestrelLoginApiFactory : LoginApiFactory
{
    /// <summary>Any free port (xUnit builds class fixtures with a constructor that takes nothing).</summary>
    public KestrelLoginApiFactory() : this(0) { }

    /// <param name="port">A fixed port, where the origin must be known before the start (Login:PublicOrigin).</param>
    protected KestrelLoginApiFactory(int port)
    {
        Port = port;
        UseKestrel(port);
    }

    /// <summary>The port asked for (0: any).</summary>
    protected int Port { get; }


    /// <summary>The started server's address (http://127.0.0.1:port/), for a browser.</summary>
    public Uri Address => CreateSocketClient().BaseAddress!;

    /// <summary>A client on a real socket to the started server.</summary>
    public HttpClient CreateSocketClient()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return CreateClient(new() { BaseAddress = new Uri(address), HandleCookies = false, AllowAutoRedirect = false });
    }
}
