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
            _frontend.MapGet("/callback", () => Results.Content("<!DOCTYPE html><title>IT desk: back</title>", "text/html"));
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

    /// <summary>
    /// #18.3: a frontend on an allowed origin gets a login's result through the code, as a public client: PKCE made in
    /// the page, the login on our page, the code back at its callback (no token in any URL), the exchange and userinfo
    /// by fetch across origins.
    /// </summary>
    [Fact]
    public async Task AFrontendOnAnotherOriginGetsTheLoginThroughTheCode()
    {
        await factory.AddUserAsync("frontend2", "Desk-Pass-2026");
        var frontend = await factory.FrontendPageAsync();
        var callback = $"{frontend}callback";
        await factory.RegisterClientAsync("desk-spa", [callback], confidential: false, scopes: ["openid", "profile"]);
        var api = factory.Address.ToString().TrimEnd('/');
        var page = await browser.NewPageAsync(frontend, language: "en");
        await page.GotoAsync("/");

        await page.EvaluateAsync("""
            async ([api, callback]) => {
                const verifier = Array.from(crypto.getRandomValues(new Uint8Array(32)), b => b.toString(16).padStart(2, '0')).join('');
                const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
                const challenge = btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
                sessionStorage.setItem('verifier', verifier);
                const query = new URLSearchParams({ client_id: 'desk-spa', redirect_uri: callback, response_type: 'code', scope: 'openid profile',
                    state: 'desk-state', code_challenge: challenge, code_challenge_method: 'S256' });
                location.assign(api + '/connect/authorize?' + query);
            }
            """, new[] { api, callback });
        await page.WaitForURLAsync(url => url.StartsWith(api));
        await PasswordForm.SubmitAsync(page, "frontend2", "Desk-Pass-2026");
        await page.WaitForURLAsync(url => url.StartsWith(callback));

        var back = new Uri(page.Url);
        back.Query.Should().Contain("code=").And.Contain("state=desk-state").And.Contain("iss=").And.NotContain("token");
        var result = await page.EvaluateAsync<JsonElement>("""
            async ([api, callback]) => {
                const query = new URLSearchParams(location.search);
                const discovery = await (await fetch(api + '/.well-known/openid-configuration')).json();
                const tokens = await (await fetch(discovery.token_endpoint, { method: 'POST', body: new URLSearchParams({
                    grant_type: 'authorization_code', code: query.get('code'), redirect_uri: callback, client_id: 'desk-spa',
                    code_verifier: sessionStorage.getItem('verifier') }) })).json();
                const me = await (await fetch(discovery.userinfo_endpoint, { headers: { Authorization: 'Bearer ' + tokens.access_token } })).json();
                return { issuer: discovery.issuer, iss: query.get('iss'), sub: me.sub, hasIdToken: !!tokens.id_token };
            }
            """, new[] { api, callback });

        result.GetProperty("sub").GetString().Should().Be("frontend2");
        result.GetProperty("hasIdToken").GetBoolean().Should().BeTrue();
        result.GetProperty("iss").GetString().Should().Be(result.GetProperty("issuer").GetString());
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
