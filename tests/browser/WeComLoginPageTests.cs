using LoginOrchestrator.Tests.Support;
using LoginOrchestrator.WeComSimulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>The API with WeCom configured (the simulator as its directory), on a real port and real time.</summary>
public sealed class WeComBrowserFixture : IAsyncLifetime
{
    public WeComSimulatorHost Simulator { get; private set; } = null!;
    public Factory Api { get; private set; } = null!;

    public sealed class Factory(string weComUrl, int port) : KestrelLoginApiFactory(port)
    {
        protected override bool FakeClock => false;

        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("Login:PublicOrigin", $"http://127.0.0.1:{Port}");
            builder.UseSetting("WeCom:CorpId", SimulatorApp.CorpId);
            builder.UseSetting("WeCom:Secret", SimulatorApp.Secret);
            builder.UseSetting("WeCom:AgentId", "1000002");
            builder.UseSetting("WeCom:BaseUrl", weComUrl);
        }
    }

    public async Task InitializeAsync()
    {
        Simulator = await WeComSimulatorHost.StartAsync([new { userid = "zhouba", name = "周八", department = new[] { 1 }, status = 1 }]);
        Api = new Factory(Simulator.Url, LocalMachine.FreePort());
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>#9: "log in with WeCom" leaves for WeCom's OAuth page with the flow as its state, and the return signs in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WeComLoginPageTests(BrowserFixture browser, WeComBrowserFixture wecom) : IClassFixture<WeComBrowserFixture>
{
    [Fact]
    public async Task ReturningFromWeComWithACodeSignsInAndClearsTheCodeFromTheAddressBar()
    {
        var address = wecom.Api.Address;
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/");

        var button = page.GetByRole(AriaRole.Link, new() { Name = "企业微信登录" });
        await Expect(button).ToBeVisibleAsync();
        var authorize = new Uri((await button.GetAttributeAsync("href"))!);
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        query["redirect_uri"].Should().Be(address.ToString());
        await Screenshots.TakeAsync(page, "login-wecom");

        // What WeCom does after the user agrees: back to redirect_uri with a one-time code and our state.
        await wecom.Simulator.AddOAuthCodeAsync("code-zhouba", userId: "zhouba");
        await page.GotoAsync($"/?code=code-zhouba&state={Uri.EscapeDataString(query["state"]!)}");

        await page.WaitForURLAsync("**/account/");
        await Expect(page.Locator("#account")).ToContainTextAsync("周八");
        page.Url.Should().NotContain("code-zhouba");
    }

    /// <summary>
    /// Issue 15.9, login CSRF: someone signs in to WeCom as themselves, stops before the return, and sends the victim a
    /// link back to the login page with their code and their own flow. The page keeps the nonce of the round trip it
    /// started; this link has none, so it posts nothing and nobody is signed in.
    /// </summary>
    [Fact]
    public async Task AReturnThisBrowserDidNotStartSignsNobodyIn()
    {
        var attacker = new FlowClient(wecom.Api.CreateSocketClient());
        var attackersFlow = FlowClient.Id(await attacker.StartAsync());
        await wecom.Simulator.AddOAuthCodeAsync("code-attacker", userId: "zhouba");

        var victim = await browser.NewPageAsync(wecom.Api.Address);
        await victim.GotoAsync($"/?code=code-attacker&state={Uri.EscapeDataString(attackersFlow)}");

        await Expect(victim.Locator("[data-code=wecom_state_mismatch]")).ToBeVisibleAsync();
        (await victim.EvaluateAsync<string?>("sessionStorage.getItem('loginorchestrator.session')")).Should().BeNull();
        victim.Url.Should().NotContain("/account/").And.NotContain("code-attacker");
        (await attacker.GetAsync(attackersFlow)).State.Should().Be("Credentials", "the code was never posted to the flow");
    }
}
