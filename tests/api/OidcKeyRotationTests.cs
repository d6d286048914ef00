using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LoginOrchestrator.Stores.Oidc;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoginOrchestrator.Api.Tests;

/// <summary>Keys that rotate daily (the shortest period), so a test can cross a rotation.</summary>
public sealed class DailyKeysFactory : LoginApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Oidc:RotationDays", "1");
        builder.UseSetting("Oidc:RefreshTokenDays", "1");
    }
}

/// <summary>#18.1: the keys rotate on a running instance without breaking what was issued before.</summary>
public sealed class OidcKeyRotationTests(DailyKeysFactory factory) : IClassFixture<DailyKeysFactory>
{
    private const string Redirect = "https://desk.corp.example/signin-oidc";

    private async Task<TokenAnswer> SignInAsync(string userId, string clientId, string secret)
    {
        var browser = new OidcTestClient(factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));
        await browser.LoginAsync(userId, "Rotate-Pass-2026");
        return await browser.ExchangeAsync(await browser.CodeAsync(clientId, Redirect), clientId, Redirect, secret);
    }

    private async Task<JsonWebKeySet> JwksAsync() => new(await factory.CreateClient().GetStringAsync("/.well-known/jwks"));

    [Fact]
    public async Task ARotationPublishesTheNextKeyAheadAndKeepsThePreviousOne()
    {
        await factory.AddUserAsync("rotate1", "Rotate-Pass-2026");
        var secret = (await factory.RegisterClientAsync("rotate-app", [Redirect]))!;
        var ring = factory.Services.GetRequiredService<OidcKeyRing>();
        // Ten minutes before the end of a period: the tokens below are minutes old when the next one begins.
        var period = ring.PeriodOf(factory.Clock.GetUtcNow()) + 1;
        factory.Clock.Advance(DateTimeOffset.FromUnixTimeSeconds((period + 1) * 86_400) - TimeSpan.FromMinutes(10) - factory.Clock.GetUtcNow());
        await ring.RefreshAsync(default);

        var before = await SignInAsync("rotate1", "rotate-app", secret);
        new JsonWebToken(before.IdToken).Kid.Should().Be($"sig-{period}");
        (await JwksAsync()).Keys.Select(k => k.Kid).Should().Contain([$"sig-{period}", $"sig-{period + 1}"], "the next key is published before it signs");

        // Into the next period; the instance's hourly look at the key ring finds it.
        var next = DateTimeOffset.FromUnixTimeSeconds((period + 1) * 86_400);
        factory.Clock.Advance(next - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        (factory.Clock.GetUtcNow() - before.IssuedAt).Should().BeLessThan(TimeSpan.FromMinutes(15));
        await ring.RefreshAsync(default);

        var after = await SignInAsync("rotate1", "rotate-app", secret);
        new JsonWebToken(after.IdToken).Kid.Should().Be($"sig-{period + 1}", "the running instance signs with the new key");
        var jwks = await JwksAsync();
        jwks.Keys.Select(k => k.Kid).Should().BeEquivalentTo([$"sig-{period}", $"sig-{period + 1}", $"sig-{period + 2}"]);

        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(before.IdToken, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(), ValidateIssuer = false, ValidateAudience = false, ValidateLifetime = false,
        });
        validation.IsValid.Should().BeTrue("an ID token signed before the rotation still verifies against the published keys");
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", before.AccessToken);
        var answer = await factory.CreateClient().SendAsync(userInfo);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, "an access token encrypted with the previous key is still read");
        JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("sub").GetString().Should().Be("rotate1");
    }
}
