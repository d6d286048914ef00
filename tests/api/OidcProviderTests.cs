using OpenIddict.Abstractions;
using System.Net;
using System.Text.Json;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

public sealed class OidcProviderOnServicesTests(LoginApiFactory factory) : OidcProviderTests(factory), IClassFixture<LoginApiFactory>;

public sealed class OidcProviderEmbeddedTests(EmbeddedLoginApiFactory factory) : OidcProviderTests(factory), IClassFixture<EmbeddedLoginApiFactory>;

/// <summary>
/// #18.1: the OpenID Connect provider against a real client's requests, on MariaDB + Redis and on the embedded
/// defaults: PKCE for public clients, one-time codes, rotating refresh tokens with reuse detection, grants that end
/// with their session, exact redirect URIs, <c>iss</c> in every authorization answer, prompt and max_age.
/// </summary>
public abstract class OidcProviderTests(LoginApiFactory factory)
{
    private const string Password = "Oidc-Pass-2026";
    private static int _clients;

    private static string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _clients)}-{Guid.NewGuid():N}"[..20];

    private OidcTestClient NewBrowser() =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));

    private async Task<(OidcTestClient Browser, string UserId, string Token)> SignedInAsync()
    {
        var userId = Unique("oidc-");
        await factory.AddUserAsync(userId, Password, departments: "3");
        var browser = NewBrowser();
        return (browser, userId, await browser.LoginAsync(userId, Password));
    }

    private async Task<(string ClientId, string RedirectUri, string? Secret)> ClientAsync(
        bool confidential, bool firstParty = true, IReadOnlyList<string>? scopes = null)
    {
        var clientId = Unique("app-");
        var redirect = $"https://{clientId}.corp.example/signin-oidc";
        return (clientId, redirect, await factory.RegisterClientAsync(clientId, [redirect], confidential, firstParty, scopes: scopes));
    }

    [Fact]
    public async Task APublicClientMustProveItsCodeWithPkce()
    {
        var (browser, _, _) = await SignedInAsync();
        var (clientId, redirect, _) = await ClientAsync(confidential: false);

        var withoutChallenge = await browser.AuthorizeAsync(clientId, redirect);
        withoutChallenge.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a public client's request without code_challenge gets no code");
        (await withoutChallenge.Content.ReadAsStringAsync()).Should().Contain("code_challenge");

        var stolen = await browser.CodeAsync(clientId, redirect);
        (await browser.ExchangeAsync(stolen, clientId, redirect, verifier: null)).Error.Should().Be("invalid_request");
        var wrong = await browser.CodeAsync(clientId, redirect);
        (await browser.ExchangeAsync(wrong, clientId, redirect, verifier: OidcTestClient.Verifier + "x")).Error.Should().Be("invalid_grant");

        var code = await browser.CodeAsync(clientId, redirect);
        var tokens = await browser.ExchangeAsync(code, clientId, redirect);
        tokens.Status.Should().Be(HttpStatusCode.OK, tokens.Body.ToString());
        tokens.IdToken.Should().NotBeNull();
        (await browser.ExchangeAsync(code, clientId, redirect)).Error.Should().Be("invalid_grant", "a code is good once");
    }

    [Fact]
    public async Task ARefreshTokenRotatesAndItsReplayRevokesTheChain()
    {
        var (browser, _, _) = await SignedInAsync();
        var (clientId, redirect, _) = await ClientAsync(confidential: false);
        var first = await browser.ExchangeAsync(await browser.CodeAsync(clientId, redirect), clientId, redirect);

        var second = await browser.RefreshAsync(first.RefreshToken!, clientId);
        second.Status.Should().Be(HttpStatusCode.OK, second.Body.ToString());
        second.RefreshToken.Should().NotBe(first.RefreshToken, "each refresh hands out a new refresh token");

        (await browser.RefreshAsync(first.RefreshToken!, clientId)).Error.Should().Be("invalid_grant", "the old one is spent");
        (await browser.RefreshAsync(second.RefreshToken!, clientId)).Error.Should().Be("invalid_grant",
            "a replayed refresh token means a copy is loose: the whole chain is revoked, the thief's and the owner's");
    }

    [Fact]
    public async Task TheHousekeepingRemovesSpentTokensOnceARefreshTokenLifetimeHasPassed()
    {
        var (browser, _, _) = await SignedInAsync();
        var (clientId, redirect, _) = await ClientAsync(confidential: false);
        var first = await browser.ExchangeAsync(await browser.CodeAsync(clientId, redirect), clientId, redirect);
        (await browser.RefreshAsync(first.RefreshToken!, clientId)).Status.Should().Be(HttpStatusCode.OK);
        var applicationId = await factory.WithDbAsync(db => db.OidcApplications.Where(a => a.ClientId == clientId).Select(a => a.Id).SingleAsync());
        Task<int> TokensAsync() => factory.WithDbAsync(db => db.OidcTokens.CountAsync(t => t.ApplicationId == applicationId));
        var issued = await TokensAsync();
        issued.Should().BeGreaterThan(1);

        var sweep = factory.Services.GetServices<Orchestrator.Ports.IExpiringStore>().OfType<Oidc.OidcGrantSweep>().Single();
        await sweep.PurgeExpiredAsync(default);
        (await TokensAsync()).Should().Be(issued, "a redeemed refresh token is kept while a replay of it could still come");

        factory.Clock.Advance(TimeSpan.FromDays(15));
        (await sweep.PurgeExpiredAsync(default)).Should().BeGreaterThan(0);
        (await TokensAsync()).Should().Be(0, "all of them expired or spent, and older than a refresh token's lifetime");
    }

    [Fact]
    public async Task LoggingOutEndsTheGrantsOfThatSessionOnly()
    {
        var (browser, userId, token) = await SignedInAsync();
        var other = NewBrowser();
        await other.LoginAsync(userId, Password);
        var (clientId, redirect, secret) = await ClientAsync(confidential: true);
        var mine = await browser.ExchangeAsync(await browser.CodeAsync(clientId, redirect), clientId, redirect, secret);
        var theirs = await other.ExchangeAsync(await other.CodeAsync(clientId, redirect), clientId, redirect, secret);

        (await browser.Flows.SendAsync(HttpMethod.Delete, "/api/v1/session", null, token)).Status.Should().Be(HttpStatusCode.NoContent);

        (await browser.RefreshAsync(mine.RefreshToken!, clientId, secret)).Error.Should().Be("invalid_grant");
        var introspection = await browser.PostFormAsync("/connect/introspect", new()
        {
            ["token"] = mine.RefreshToken, ["client_id"] = clientId, ["client_secret"] = secret,
        });
        introspection.Body.GetProperty("active").GetBoolean().Should().BeFalse();
        (await other.RefreshAsync(theirs.RefreshToken!, clientId, secret)).Status.Should().Be(HttpStatusCode.OK, "another session's grant is not touched");
        (await browser.AuthorizeAsync(clientId, redirect, challenge: OidcTestClient.Challenge(OidcTestClient.Verifier)))
            .Headers.Location!.ToString().Should().StartWith("/?returnTo=", "the SSO cookie of an ended session signs nobody in");
    }

    [Fact]
    public async Task DisablingTheUserEndsEveryGrant()
    {
        var (browser, userId, _) = await SignedInAsync();
        var (clientId, redirect, secret) = await ClientAsync(confidential: true);
        var tokens = await browser.ExchangeAsync(await browser.CodeAsync(clientId, redirect), clientId, redirect, secret);

        await using (var scope = factory.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<AdminUsers.UserAdministration>().UpdateAsync(userId, new(Disabled: true), Api.Audit.AdminActor.Named("test"), default)).Refusal.Should().BeNull();

        (await browser.RefreshAsync(tokens.RefreshToken!, clientId, secret)).Error.Should().Be("invalid_grant");
    }

    [Fact]
    public async Task ARecoveredPasswordEndsEveryGrant()
    {
        var userId = Unique("oidc-rec-");
        var email = $"{userId}@corp.example";
        await factory.AddUserAsync(userId, Password, email: email, contactsVerified: true);
        var browser = NewBrowser();
        await browser.LoginAsync(userId, Password);
        var (clientId, redirect, secret) = await ClientAsync(confidential: true);
        var tokens = await browser.ExchangeAsync(await browser.CodeAsync(clientId, redirect), clientId, redirect, secret);

        var recovery = new FlowClient(factory.CreateClient(), FlowClient.RecoveryBase);
        var flowId = FlowClient.Id(await recovery.StartAsync());
        await recovery.PostAsync(flowId, "identify", new { userId });
        await recovery.PostAsync(flowId, "code", new { code = (await factory.WaitForMailAsync(email)).Code });
        (await recovery.PostAsync(flowId, "password", new { password = "Recovered-Pass-2026" })).State.Should().Be("Done");

        (await browser.RefreshAsync(tokens.RefreshToken!, clientId, secret)).Error.Should().Be("invalid_grant");
        (await factory.WithDbAsync(db => db.OidcTokens.CountAsync(t => t.Subject == userId && t.Status == OpenIddictConstants.Statuses.Valid)))
            .Should().Be(0, "every token of the user was revoked, not only refused");
    }

    [Fact]
    public async Task ARedirectUriIsMatchedExactlyAndNeverFollowedOtherwise()
    {
        var (browser, _, _) = await SignedInAsync();
        var (clientId, redirect, _) = await ClientAsync(confidential: true);

        foreach (var other in new[] { redirect + "/x", redirect.ToUpperInvariant(), redirect + "?next=https://evil.example", "https://evil.example/signin-oidc" })
        {
            var answer = await browser.AuthorizeAsync(clientId, other);
            answer.StatusCode.Should().Be(HttpStatusCode.BadRequest, other);
            answer.Headers.Location.Should().BeNull("an unregistered URI is never redirected to");
        }
    }

    [Fact]
    public async Task EveryAuthorizationAnswerNamesItsIssuer()
    {
        var (browser, _, _) = await SignedInAsync();
        var (clientId, redirect, secret) = await ClientAsync(confidential: true);
        var discovery = JsonDocument.Parse(await browser.Flows.Http.GetStringAsync("/.well-known/openid-configuration")).RootElement;
        var issuer = discovery.GetProperty("issuer").GetString();

        var callback = OidcTestClient.Callback(await browser.AuthorizeAsync(clientId, redirect));
        callback["iss"].Should().Be(issuer, "an app talking to several providers can tell whose answer this is (mix-up)");
        callback["state"].Should().Be("state-1");
        discovery.GetProperty("authorization_response_iss_parameter_supported").GetBoolean().Should().BeTrue();
        discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()).Should().Equal("S256");
        (await browser.ExchangeAsync(callback["code"], clientId, redirect, secret, verifier: null)).IdClaims.GetProperty("iss").GetString().Should().Be(issuer);
    }

    [Fact]
    public async Task APasswordlessPasskeyLoginIsAHardwareKeyAndTwoFactorsInTheIdToken()
    {
        var (browser, _, token) = await SignedInAsync();
        var authenticator = new SoftwareAuthenticator();
        var options = await browser.Flows.SendAsync(HttpMethod.Post, "/api/v1/account/passkeys/options", null, token);
        (await browser.Flows.SendAsync(HttpMethod.Post, "/api/v1/account/passkeys",
            System.Net.Http.Json.JsonContent.Create(new { name = "Desk key", credential = authenticator.Create(options.Body) }), token)).Status.Should().Be(HttpStatusCode.Created);
        var started = await browser.Flows.StartAsync();
        var publicKey = started.Flow.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "submitPasskey").GetProperty("publicKey");
        (await browser.Flows.PostAsync(FlowClient.Id(started), "passkey", new { credential = authenticator.Get(publicKey) })).State.Should().Be("Issued");
        var (clientId, redirect, secret) = await ClientAsync(confidential: true);

        var claims = (await browser.ExchangeAsync(await browser.CodeAsync(clientId, redirect), clientId, redirect, secret)).IdClaims;

        claims.GetProperty("amr").EnumerateArray().Select(a => a.GetString()).Should().Equal("hwk", "mfa");
    }

    [Fact]
    public async Task TheIdTokenSaysWhoAndHow()
    {
        var (browser, userId, _) = await SignedInAsync();
        await factory.WithDbAsync(async db => await db.Users.WithUserId(userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, $"{userId}@corp.example").SetProperty(x => x.EmailVerified, true)
                .SetProperty(x => x.Mobile, "+8613800000000").SetProperty(x => x.MobileVerified, false)));
        string[] scopes = ["openid", "profile", "email", "phone", "roles", "departments"];
        var (clientId, redirect, secret) = await ClientAsync(confidential: true, scopes: scopes);

        var code = await browser.CodeAsync(clientId, redirect, string.Join(' ', scopes));
        var claims = (await browser.ExchangeAsync(code, clientId, redirect, secret)).IdClaims;

        claims.GetProperty("sub").GetString().Should().Be(userId);
        claims.GetProperty("name").GetString().Should().Be(userId);
        claims.GetProperty("email").GetString().Should().Be($"{userId}@corp.example");
        claims.GetProperty("email_verified").GetBoolean().Should().BeTrue();
        claims.TryGetProperty("phone_number", out _).Should().BeFalse("an admin-typed number is not verified: no claim");
        claims.GetProperty("role").ToString().Should().Contain("agent");
        claims.GetProperty("departments").ToString().Should().Contain("3");
        claims.GetProperty("amr").EnumerateArray().Select(a => a.GetString()).Should().Equal("pwd");
        claims.GetProperty("acr").GetString().Should().Be("standard");
        claims.GetProperty("auth_time").GetInt64().Should().BeCloseTo(factory.Clock.GetUtcNow().ToUnixTimeSeconds(), 5);
        claims.GetProperty("nonce").GetString().Should().Be("nonce-1");
        claims.GetProperty("sid").GetString().Should().HaveLength(32);
        claims.TryGetProperty("lo_session", out _).Should().BeFalse("the session's token hash never leaves the encrypted grant");
    }

    [Fact]
    public async Task PromptAndMaxAgeAskForAFreshLogin()
    {
        var (clientId, redirect, _) = await ClientAsync(confidential: true);
        var stranger = NewBrowser();
        OidcTestClient.Callback(await stranger.AuthorizeAsync(clientId, redirect, extra: new Dictionary<string, string?> { ["prompt"] = "none" }))["error"]
            .Should().Be("login_required");

        var (browser, _, _) = await SignedInAsync();
        OidcTestClient.Callback(await browser.AuthorizeAsync(clientId, redirect, extra: new Dictionary<string, string?> { ["prompt"] = "none" }))
            .Should().ContainKey("code", "a live session answers prompt=none");

        var forced = await browser.AuthorizeAsync(clientId, redirect, extra: new Dictionary<string, string?> { ["prompt"] = "login" });
        var returnTo = Uri.UnescapeDataString(forced.Headers.Location!.ToString());
        returnTo.Should().StartWith("/?returnTo=/connect/authorize?").And.NotContain("prompt", "the login it comes back from is the fresh one asked for");

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        (await browser.AuthorizeAsync(clientId, redirect, extra: new Dictionary<string, string?> { ["max_age"] = "60" }))
            .Headers.Location!.ToString().Should().StartWith("/?returnTo=");
        OidcTestClient.Callback(await browser.AuthorizeAsync(clientId, redirect, extra: new Dictionary<string, string?> { ["max_age"] = "3600" }))
            .Should().ContainKey("code");
    }

    [Fact]
    public async Task AThirdPartyAppIsAllowedOnceByTheUser()
    {
        var (browser, _, _) = await SignedInAsync();
        var (clientId, redirect, _) = await ClientAsync(confidential: true, firstParty: false);

        var consent = await browser.AuthorizeAsync(clientId, redirect);
        consent.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await consent.Content.ReadAsStringAsync();
        page.Should().Contain("name=\"lo_consent\" value=\"allow\"").And.Contain(clientId);
        consent.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");

        var fields = System.Text.RegularExpressions.Regex.Matches(page, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .ToDictionary(m => m.Groups[1].Value, m => (string?)System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        using var denied = await browser.Flows.Http.PostAsync("/connect/authorize", new FormUrlEncodedContent(
            new Dictionary<string, string?>(fields) { ["lo_consent"] = "deny" }.Select(f => new KeyValuePair<string, string>(f.Key, f.Value!))));
        OidcTestClient.Callback(denied)["error"].Should().Be("access_denied");
        using var allowed = await browser.Flows.Http.PostAsync("/connect/authorize", new FormUrlEncodedContent(
            new Dictionary<string, string?>(fields) { ["lo_consent"] = "allow" }.Select(f => new KeyValuePair<string, string>(f.Key, f.Value!))));
        OidcTestClient.Callback(allowed).Should().ContainKey("code");
        OidcTestClient.Callback(await browser.AuthorizeAsync(clientId, redirect)).Should().ContainKey("code", "asked once, remembered");
    }

    [Fact]
    public async Task TheSsoCookieServesTheConnectEndpointsOnly()
    {
        var browser = NewBrowser();
        var userId = Unique("sso-");
        await factory.AddUserAsync(userId, Password);
        var issued = await browser.Flows.LoginAsync(userId, Password);

        var cookie = issued.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lo_sso="));
        cookie.Should().Contain("path=/connect").And.Contain("httponly").And.Contain("samesite=lax");
        cookie.Should().NotContain(issued.Token!, "the cookie holds an encrypted reference, never the session token");
        (await browser.Flows.SendAsync(HttpMethod.Get, "/api/v1/session", null)).Status.Should().Be(HttpStatusCode.Unauthorized,
            "the REST API takes the bearer token only: the cookie cannot forge a call to it");
    }
}
