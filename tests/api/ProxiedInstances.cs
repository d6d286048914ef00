using LoginOrchestrator.Tests.Support;
using LoginOrchestrator.WeComSimulator;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// Issue 24.1, production's shape on loopback: nginx (TLS, the shipped example) in front of two instances, each its own
/// process on MariaDB + Redis, configured for WeCom (the simulator) and the public https origin. The in-process factory
/// only prepares the database (users, clients, settings); its Redis keys and job queues are not the instances'.
/// </summary>
public sealed class ProxiedInstances : IAsyncLifetime
{
    /// <summary>nginx connects to the instances from 127.0.0.1; the tests' browsers connect from other loopback addresses.</summary>
    public const string ProxyNetwork = "127.0.0.1/32";

    public const int PerIpPerMinute = 20;

    public RealClockFactory Factory { get; } = new();
    public WeComSimulatorHost WeCom { get; private set; } = null!;
    public ApiProcess A { get; private set; } = null!;
    public ApiProcess B { get; private set; } = null!;
    public NginxProxy Proxy { get; private set; } = null!;

    /// <summary>The instances' own Redis keys and Hangfire queues, apart from the factory's.</summary>
    public string RedisPrefix => $"{Factory.RedisPrefix}proxied:";

    public async Task InitializeAsync()
    {
        WeCom = await WeComSimulatorHost.StartAsync([]);
        // Email codes for users without TOTP: the graceful-shutdown burst sends real mail through the instances.
        await Factory.SetSettingAsync("authentication", "type", "two_factor");
        var ports = NginxProxy.ChoosePorts();
        var settings = Factory.SharedSettings.ToDictionary();
        settings["Redis:KeyPrefix"] = RedisPrefix;
        settings["Redis:HangfirePrefix"] = $"{{{RedisPrefix}hangfire}}:";
        settings["Login:PublicOrigin"] = NginxProxy.OriginFor(ports.Https);
        settings["Proxy:TrustedNetworks:0"] = ProxyNetwork;
        settings["RateLimits:PerIpPerMinute"] = PerIpPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["WeCom:CorpId"] = SimulatorApp.CorpId;
        settings["WeCom:Secret"] = SimulatorApp.Secret;
        settings["WeCom:AgentId"] = "1000002";
        settings["WeCom:BaseUrl"] = WeCom.Url;
        // Times on every line: a failing test's message carries both instances' output.
        settings["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ";

        var instances = await Task.WhenAll(
            ApiProcess.StartAsync(settings, Path.Combine(Factory.DataDirectory, "instance-a")),
            ApiProcess.StartAsync(settings, Path.Combine(Factory.DataDirectory, "instance-b")));
        (A, B) = (instances[0], instances[1]);
        Proxy = await NginxProxy.StartAsync([A.Address, B.Address], ports, Path.Combine(Factory.DataDirectory, "nginx"));
    }

    /// <summary>A user the directory knows (WeCom confirms the member) with a password, and TOTP or an email for codes.</summary>
    public async Task AddMemberAsync(string userId, string password, byte[]? totpSecret = null, string? email = null)
    {
        await WeCom.PutUserAsync(userId, userId, 1, [1], email);
        await Factory.AddUserAsync(userId, password, email: email, totpSecret: totpSecret);
    }

    /// <summary>What the instances and the proxy wrote, for a failing assertion's message.</summary>
    public string Output => $"--- A:\n{A.Output}\n--- B:\n{B.Output}\n--- nginx:\n{Proxy.Output}";

    public async Task DisposeAsync()
    {
        if (Proxy is not null) await Proxy.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        if (WeCom is not null) await WeCom.DisposeAsync();
        await Factory.DisposeAsync();
    }
}

/// <summary>The factory on real time: the instances beside it (other processes) run on the wall clock.</summary>
public sealed class RealClockFactory : LoginApiFactory
{
    protected override bool FakeClock => false;
}
