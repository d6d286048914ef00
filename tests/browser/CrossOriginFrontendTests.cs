using System.Text.Json;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>
/// The API, allowing one frontend origin, and that frontend: a page of its own on another loopback port (another
/// origin, the same address space, so Chromium's local-network checks do not apply), without any of our headers.
/// </summary>
public sealed class CrossOriginApiFactory : KestrelLoginApiFactory
{
    private readonly int _frontendPort = LocalMachine.FreePort();
    private WebApplication? _frontend;

    public Uri FrontendOrigin => new($"http://127.0.0.1:{_frontendPort}/");

    protected override bool FakeClock => false;

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("Cors:AllowedOrigins:0", FrontendOrigin.ToString().TrimEnd('/'));

    /// <summary>The IT desk's page, served by the frontend's own server.</summary>
    public async Task<Uri> FrontendPageAsync()
    {
        if (_frontend is null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(FrontendOrigin.ToString());
            _frontend = builder.Build();
            _frontend.MapGet("/", () => Results.Content("<!DOCTYPE html><title>IT desk</title>", "text/html"));
            await _frontend.StartAsync();
        }
        return FrontendOrigin;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_frontend is not null) await _frontend.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>#18.3: a REST frontend on another origin logs in through the API from a real Chromium, preflights and all.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossOriginFrontendTests(BrowserFixture browser, CrossOriginApiFactory factory) : IClassFixture<CrossOriginApiFactory>
{
    private const string LogIn = """
        async ([api, userId, password]) => {
            const flow = await (await fetch(api + '/api/v1/login/flows', { method: 'POST' })).json();
            const action = flow.actions.find(a => a.name === 'submitPassword');
            const done = await (await fetch(api + action.href, {
                method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId, password }),
            })).json();
            const session = await fetch(api + '/api/v1/session', { headers: { Authorization: 'Bearer ' + done.session.token } });
            return { origin: location.origin, state: done.state, status: session.status, userId: (await session.json()).userId };
        }
        """;

    private async Task<IPage> FrontendPageAsync()
    {
        var frontend = await factory.FrontendPageAsync();
        var page = await browser.NewPageAsync(frontend);
        await page.GotoAsync("/");
        return page;
    }

    [Fact]
    public async Task AnAllowedFrontendLogsInAndReadsItsSession()
    {
        await factory.AddUserAsync("frontend1", "Desk-Pass-2026");
        var api = factory.Address.ToString().TrimEnd('/');
        var page = await FrontendPageAsync();

        var result = await page.EvaluateAsync<JsonElement>(LogIn, new[] { api, "frontend1", "Desk-Pass-2026" });

        result.GetProperty("origin").GetString().Should().Be(factory.FrontendOrigin.ToString().TrimEnd('/'))
            .And.NotBe(api, "the calls are cross-origin");
        result.GetProperty("state").GetString().Should().Be("Issued");
        result.GetProperty("status").GetInt32().Should().Be(200);
        result.GetProperty("userId").GetString().Should().Be("frontend1");
    }

    [Fact]
    public async Task TheBrowserWithholdsAnAdminAnswerFromAnAllowedFrontend()
    {
        var page = await FrontendPageAsync();
        var api = factory.Address.ToString().TrimEnd('/');

        var refused = await page.EvaluateAsync<string>("""
            async api => {
                try { await fetch(api + '/api/v1/admin/users', { headers: { Authorization: 'Bearer x' } }); return 'answered'; }
                catch (e) { return e.name; }
            }
            """, api);

        refused.Should().Be("TypeError", "admin endpoints allow no frontend origin, so the browser withholds the answer");
    }
}
