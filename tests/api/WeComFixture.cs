using LoginOrchestrator.Tests.Support;
using LoginOrchestrator.WeComSimulator;
using Microsoft.AspNetCore.Hosting;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The service configured for WeCom, pointed at the simulator.</summary>
public sealed class WeComLoginApiFactory(string weComUrl) : LoginApiFactory
{
    /// <summary>Real time: the WeCom client's retry delays (Polly) run on the host's clock.</summary>
    protected override bool FakeClock => false;

    public IReadOnlyDictionary<string, string> WeComSettings => new Dictionary<string, string>
    {
        ["WeCom:CorpId"] = SimulatorApp.CorpId,
        ["WeCom:Secret"] = SimulatorApp.Secret,
        ["WeCom:AgentId"] = "1000002",
        ["WeCom:BaseUrl"] = weComUrl,
        ["Login:PublicOrigin"] = PublicOrigin,
    };

    public const string PublicOrigin = "https://login.corp.example";

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        foreach (var (key, value) in WeComSettings) builder.UseSetting(key, value);
    }
}

public sealed class WeComFixture : IAsyncLifetime
{
    public WeComSimulatorHost Simulator { get; private set; } = null!;
    public WeComLoginApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await WeComSimulatorHost.StartAsync(
        [
            new { userid = "zhangsan", name = "张三", department = new[] { 1, 2 }, status = 1, email = "zhangsan@corp.example" },
            new { userid = "lisi", name = "李四", department = new[] { 2 }, status = 1 },
            new { userid = "wangwu", name = "王五", department = new[] { 3 }, status = 2 },
            new { userid = "nomail", name = "无邮箱", department = new[] { 3 }, status = 1 },
            new { userid = "admin", name = "管理员", department = new[] { 1 }, status = 1 },
        ]);
        Factory = new WeComLoginApiFactory(Simulator.Url);
        await Factory.AddUserAsync("zhangsan", "zhangsan-Pass-1", email: "zhangsan@corp.example");
        await Factory.AddUserAsync("wangwu", "wangwu-Pass-1");
        await Factory.AddUserAsync("nomail", "nomail-Pass-1");
        await Factory.AddUserAsync("lisi", password: null, email: "lisi@corp.example");
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
