using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// Debian's nginx in front of instances of the service, run with the shipped example
/// (<c>deploy/nginx/loginorchestrator.conf.template</c>) filled in for loopback: TLS on a free port with a
/// self-signed certificate made at start, plain HTTP on another, round robin to the instances.
/// </summary>
public sealed partial class NginxProxy : IAsyncDisposable
{
    public const string ServerName = "sso.corp.test";

    private readonly Process _process;
    private readonly string _directory;
    private readonly string _thumbprint;
    private readonly StringBuilder _output = new();

    private NginxProxy(Process process, string directory, string thumbprint, int httpsPort, int httpPort)
    {
        _process = process;
        _directory = directory;
        _thumbprint = thumbprint;
        HttpsPort = httpsPort;
        HttpPort = httpPort;
    }

    public int HttpsPort { get; }
    public int HttpPort { get; }

    /// <summary>The origin browsers use (the instances' <c>Login:PublicOrigin</c>).</summary>
    public static string OriginFor(int httpsPort) => $"https://{ServerName}:{httpsPort}";

    public string PublicOrigin => OriginFor(HttpsPort);

    public string AccessLogPath => Path.Combine(_directory, "access.log");

    /// <summary>Ports to start the instances with <see cref="OriginFor"/> before nginx itself starts.</summary>
    public static (int Https, int Http) ChoosePorts() => (LocalMachine.FreePort(), LocalMachine.FreePort());

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> instances, (int Https, int Http) ports, string directory)
    {
        if (instances.Count != 2) throw new ArgumentException("The example balances two instances.", nameof(instances));
        Directory.CreateDirectory(directory);
        var (certificate, key) = SelfSignedCertificate(directory);
        var site = Fill(await File.ReadAllTextAsync(LocalMachine.RepositoryFile("deploy/nginx/loginorchestrator.conf.template")), new Dictionary<string, string>
        {
            ["LO_PUBLIC_ORIGIN"] = OriginFor(ports.Https),
            ["LO_SERVER_NAME"] = ServerName,
            ["LO_HTTPS_LISTEN"] = $"127.0.0.1:{ports.Https}",
            ["LO_HTTP_LISTEN"] = $"127.0.0.1:{ports.Http}",
            ["LO_TLS_CERTIFICATE"] = certificate.Path,
            ["LO_TLS_CERTIFICATE_KEY"] = key,
            ["LO_ACCESS_LOG"] = Path.Combine(directory, "access.log"),
            ["LO_INSTANCE_A"] = instances[0].Authority,
            ["LO_INSTANCE_B"] = instances[1].Authority,
        });
        await File.WriteAllTextAsync(Path.Combine(directory, "loginorchestrator.conf"), site);
        // The main file is this harness's, not the example's: one worker (one round-robin counter), files in the folder.
        var main = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(main, $$"""
            daemon off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/loginorchestrator.conf;
            }
            """);

        var start = new ProcessStartInfo(Binary, ["-p", directory, "-c", main, "-e", Path.Combine(directory, "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var proxy = new NginxProxy(Process.Start(start)!, directory, certificate.Thumbprint, ports.Https, ports.Http);
        proxy._process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        proxy._process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        proxy._process.BeginOutputReadLine();
        proxy._process.BeginErrorReadLine();
        await proxy.WaitUntilListeningAsync();
        return proxy;
    }

    /// <summary>Debian installs it in /usr/sbin, which a non-root PATH may lack.</summary>
    private static string Binary => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    /// <summary>
    /// A browser at <paramref name="sourceAddress"/> (a loopback address of its own, e.g. 127.0.0.5): it resolves the
    /// public name to the proxy and trusts only the certificate made at start. An <paramref name="observer"/> sees every
    /// answer as it arrives (the proxy's own error pages too, which are not JSON).
    /// </summary>
    public HttpClient ClientFrom(string sourceAddress, bool cookies = false, DelegatingHandler? observer = null)
    {
        HttpMessageHandler handler = Handler(sourceAddress, cookies);
        if (observer is not null) (observer.InnerHandler, handler) = (handler, observer);
        return new(handler) { BaseAddress = new Uri(PublicOrigin) };
    }

    /// <summary>The same, for plain HTTP on the proxy's other port.</summary>
    public HttpClient PlainClientFrom(string sourceAddress) =>
        new(Handler(sourceAddress, cookies: false)) { BaseAddress = new Uri($"http://{ServerName}:{HttpPort}") };

    /// <summary>A client connecting from <paramref name="sourceAddress"/> straight to <paramref name="address"/>, past the proxy.</summary>
    public static HttpClient DirectClientFrom(string sourceAddress, Uri address) =>
        new(Handler(sourceAddress, cookies: false, certificateThumbprint: null)) { BaseAddress = address };

    private SocketsHttpHandler Handler(string sourceAddress, bool cookies) => Handler(sourceAddress, cookies, _thumbprint);

    private static SocketsHttpHandler Handler(string sourceAddress, bool cookies, string? certificateThumbprint) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = cookies,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificateThumbprint is not null && certificate is not null && certificate.GetCertHashString() == certificateThumbprint,
        },
    };

    /// <summary>The access log's lines so far: (method, path, status, the instance that answered).</summary>
    public async Task<IReadOnlyList<ProxiedRequest>> RequestsAsync()
    {
        var lines = File.Exists(AccessLogPath) ? await File.ReadAllLinesAsync(AccessLogPath) : [];
        return [.. lines.Select(l => AccessLine().Match(l)).Where(m => m.Success)
            .Select(m => new ProxiedRequest(m.Groups["method"].Value, m.Groups["path"].Value, int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["upstream"].Value))];
    }

    /// <summary>The example's <c>log_format loginorchestrator</c>.</summary>
    [GeneratedRegex("""^\S+ \[[^\]]+\] "(?<method>\S+) (?<path>\S+)" (?<status>\d{3}) \S+ upstream=(?<upstream>\S+)$""")]
    private static partial Regex AccessLine();

    private static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var filled = Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value : throw new InvalidOperationException($"The example needs ${{{m.Groups[1].Value}}}, which the harness does not set."));
        return filled;
    }

    [GeneratedRegex(@"\$\{(LO_[A-Z_]+)\}")]
    private static partial Regex Placeholder();

    private static ((string Path, string Thumbprint) Certificate, string Key) SelfSignedCertificate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={ServerName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(ServerName);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(directory, "tls.pem");
        var keyPath = Path.Combine(directory, "tls.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return ((certificatePath, certificate.Thumbprint), keyPath);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"nginx exited {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, HttpsPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"nginx did not listen on {HttpsPort}:\n{Output}");
    }

    /// <summary>What nginx wrote to its console and its error log.</summary>
    public string Output
    {
        get
        {
            var errors = Path.Combine(_directory, "error.log");
            lock (_output) return _output + (File.Exists(errors) ? File.ReadAllText(errors) : "");
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        // The master and its worker: a worker left behind would keep the port.
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>One line of the proxy's access log.</summary>
public sealed record ProxiedRequest(string Method, string Path, int Status, string Upstream);
