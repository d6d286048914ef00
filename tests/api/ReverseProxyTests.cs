using System.Net;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// Issue 24.1: behind nginx (TLS) with two instances. The client address comes from the proxy's header only because the
/// proxy's network is trusted; https is known from it (HSTS, Secure cookies); every URL handed out uses the public
/// origin; a login's steps land on alternate instances and still finish.
/// </summary>
public sealed class ReverseProxyTests(ProxiedInstances proxied) : IClassFixture<ProxiedInstances>
{
    private const string DeskRedirect = "https://desk.corp.example/signin-oidc";

    [Fact]
    public async Task ALoginThroughTheProxyTakesEachStepOnTheOtherInstanceAndSignsIntoAnApp()
    {
        var secret = TotpSecrets.New();
        await proxied.AddMemberAsync("proxied", "Proxied-Pass-2026", totpSecret: secret);
        var clientSecret = await proxied.Factory.RegisterClientAsync("proxied-desk", [DeskRedirect]);
        using var http = proxied.Proxy.ClientFrom("127.0.0.5", cookies: true);
        var browser = new OidcTestClient(http);

        // The app sends the browser to the authorization endpoint; without a session it goes on to the login page.
        using var toLogin = await browser.AuthorizeAsync("proxied-desk", DeskRedirect, challenge: OidcTestClient.Challenge(OidcTestClient.Verifier));
        toLogin.StatusCode.Should().Be(HttpStatusCode.Redirect, proxied.Output);
        new Uri(http.BaseAddress!, toLogin.Headers.Location!).GetLeftPart(UriPartial.Authority).Should().Be(proxied.Proxy.PublicOrigin);
        var before = (await proxied.Proxy.RequestsAsync()).Count;

        var challenge = await browser.Flows.LoginAsync("proxied", "Proxied-Pass-2026");
        challenge.State.Should().Be("OtpChallenge", challenge.Body.ToString());
        var issued = await browser.Flows.PostAsync(FlowClient.Id(challenge), "otp", new { code = new OtpNet.Totp(secret).ComputeTotp() });
        issued.State.Should().Be("Issued", issued.Body.ToString());

        var steps = (await proxied.Proxy.RequestsAsync()).Skip(before).ToList();
        steps.Select(s => (s.Method, s.Status)).Should().Equal([("POST", 201), ("POST", 200), ("POST", 200)], "create, password, code");
        steps.Select(s => s.Upstream).Distinct().Should().BeEquivalentTo([proxied.A.Address.Authority, proxied.B.Address.Authority]);
        steps.Zip(steps.Skip(1)).Should().OnlyContain(pair => pair.First.Upstream != pair.Second.Upstream, "each step on the other instance");

        // https as the browser saw it: the SSO cookie is Secure, and the answer pins https (HSTS).
        issued.Response.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        issued.Response.Headers.GetValues("Strict-Transport-Security").Single().Should().Be("max-age=31536000");

        var callback = OidcTestClient.Callback(await browser.AuthorizeAsync("proxied-desk", DeskRedirect, challenge: OidcTestClient.Challenge(OidcTestClient.Verifier)));
        callback["iss"].Should().Be(proxied.Proxy.PublicOrigin + "/");
        var tokens = await browser.ExchangeAsync(callback["code"], "proxied-desk", DeskRedirect, clientSecret);
        tokens.Status.Should().Be(HttpStatusCode.OK, tokens.Body.ToString());
        tokens.IdClaims.GetProperty("iss").GetString().Should().Be(proxied.Proxy.PublicOrigin + "/");
        tokens.IdClaims.GetProperty("sub").GetString().Should().Be("proxied");
    }

    [Fact]
    public async Task TheIssuerAndWeComsRedirectUriAreThePublicOriginWhateverHostIsAsked()
    {
        using var http = proxied.Proxy.ClientFrom("127.0.0.9");
        using var discovery = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        var document = System.Text.Json.JsonDocument.Parse(await (await http.SendAsync(discovery)).Content.ReadAsStringAsync()).RootElement;
        document.GetProperty("issuer").GetString().Should().Be(proxied.Proxy.PublicOrigin + "/");
        document.GetProperty("token_endpoint").GetString().Should().StartWith(proxied.Proxy.PublicOrigin + "/");

        using var start = new HttpRequestMessage(HttpMethod.Post, FlowClient.Base) { Content = System.Net.Http.Json.JsonContent.Create(new { }) };
        start.Headers.Host = "attacker.example";
        var flow = await new FlowClient(http).SendAsync(start);
        var action = flow.Flow.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "submitWeComCode");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(action.GetProperty("authorizeUrl").GetString()!).Query);
        query["redirect_uri"].Should().Be(proxied.Proxy.PublicOrigin + "/");

        // WeCom sends the member back with a code; the step is taken through the proxy as well.
        await proxied.WeCom.PutUserAsync("oauth-proxied", "扫码", 1, [1]);
        await proxied.WeCom.AddOAuthCodeAsync("code-proxied", userId: "oauth-proxied");
        var proven = await new FlowClient(http).PostAsync(FlowClient.Id(flow), "wecom", new { code = "code-proxied" });
        proven.Strings("factors").Should().Equal(["wecom"], proven.Body.ToString());
        proven.State.Should().Be("TwoFactorBind", "the instances ask for a second factor; this member has none bound yet");
    }

    [Fact]
    public async Task TheAuditAndThePerIpLimitSeeTheAddressThatConnectedToTheProxy()
    {
        var secret = TotpSecrets.New();
        await proxied.AddMemberAsync("audited", "Audited-Pass-2026", totpSecret: secret);
        using var http = proxied.Proxy.ClientFrom("127.0.0.6");
        // What a client claims about itself is not believed: the proxy writes the address it saw.
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");

        var issued = await SignInAsync(new FlowClient(http), "audited", "Audited-Pass-2026", secret);

        issued.State.Should().Be("Issued", issued.Body.ToString());
        (await AuditedAddressAsync(FlowClient.Id(issued))).Should().Be("127.0.0.6");

        // One address's flows are counted together whichever instance serves them; another address is not held up.
        using var busy = proxied.Proxy.ClientFrom("127.0.0.7");
        (await CreationsUntilRefusedAsync(busy)).Should().BeInRange(ProxiedInstances.PerIpPerMinute, 2 * ProxiedInstances.PerIpPerMinute,
            "the limit counts the client behind the proxy (a window may turn over once)");
        using var other = proxied.Proxy.ClientFrom("127.0.0.8");
        (await new FlowClient(other).StartAsync()).Status.Should().Be(HttpStatusCode.Created, "the proxy's own address is not the bucket");
    }

    [Fact]
    public async Task AForwardedHeaderFromOutsideTheProxysNetworkIsIgnored()
    {
        var secret = TotpSecrets.New();
        await proxied.AddMemberAsync("forger", "Forger-Pass-2026", totpSecret: secret);
        using var direct = NginxProxy.DirectClientFrom("127.0.0.3", proxied.A.Address);
        direct.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.9");
        direct.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var issued = await SignInAsync(new FlowClient(direct), "forger", "Forger-Pass-2026", secret);

        issued.State.Should().Be("Issued", issued.Body.ToString());
        (await AuditedAddressAsync(FlowClient.Id(issued))).Should().Be("127.0.0.3");
        issued.Response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("plain http, whatever the header says");
        issued.Response.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => !c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        // A new forged address on every request does not make a new bucket.
        using var forging = NginxProxy.DirectClientFrom("127.0.0.4", proxied.B.Address);
        var n = 0;
        (await CreationsUntilRefusedAsync(forging, request => request.Headers.Add("X-Forwarded-For", $"203.0.113.{++n % 250}")))
            .Should().BeInRange(ProxiedInstances.PerIpPerMinute, 2 * ProxiedInstances.PerIpPerMinute);
    }

    [Fact]
    public async Task PlainHttpOnTheProxyOnlyRedirectsToThePublicOrigin()
    {
        using var http = proxied.Proxy.PlainClientFrom("127.0.0.10");

        using var answer = await http.PostAsync(FlowClient.Base + "?x=1", null);

        answer.StatusCode.Should().Be(HttpStatusCode.MovedPermanently);
        answer.Headers.Location.Should().Be(new Uri(proxied.Proxy.PublicOrigin + FlowClient.Base + "?x=1"));
    }

    /// <summary>Password, then the TOTP code (the instances ask every user for a second factor).</summary>
    private static async Task<Answer> SignInAsync(FlowClient client, string userId, string password, byte[] totpSecret)
    {
        var challenge = await client.LoginAsync(userId, password);
        challenge.State.Should().Be("OtpChallenge", challenge.Body.ToString());
        return await client.PostAsync(FlowClient.Id(challenge), "otp", new { code = new OtpNet.Totp(totpSecret).ComputeTotp() });
    }

    private Task<string?> AuditedAddressAsync(string flowId) =>
        proxied.Factory.EventuallyFromDbAsync(db => db.LoginAudit.Where(a => a.FlowId == flowId).Select(a => a.ClientIp).SingleOrDefaultAsync(), ip => ip is not null);

    /// <summary>Creates flows until one is refused (429); how many were created.</summary>
    private static async Task<int> CreationsUntilRefusedAsync(HttpClient http, Action<HttpRequestMessage>? forge = null)
    {
        for (var created = 0; created <= 2 * ProxiedInstances.PerIpPerMinute; created++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, FlowClient.Base) { Content = System.Net.Http.Json.JsonContent.Create(new { }) };
            forge?.Invoke(request);
            using var answer = await http.SendAsync(request);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests) return created;
            answer.StatusCode.Should().Be(HttpStatusCode.Created);
        }
        return int.MaxValue;
    }
}
