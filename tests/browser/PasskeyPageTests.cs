using System.Text.Json;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>
/// The API for a browser at http://localhost:port: WebAuthn takes no IP address as a relying party, so the page is
/// opened by name, and that origin (known before the start) is the one passkeys answer.
/// </summary>
public sealed class PasskeyApiFactory() : KestrelLoginApiFactory(LocalMachine.FreePort())
{
    protected override bool FakeClock => false;

    public Uri BrowserAddress => new($"http://localhost:{Port}/");

    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("WebAuthn:Origins:0", $"http://localhost:{Port}");
}

/// <summary>
/// #23 in Chromium, with the browser's own virtual authenticator (the DevTools protocol's WebAuthn domain): a passkey
/// registered on the account page logs in without a password and as the second factor; a clone of it is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyPageTests(BrowserFixture browser, PasskeyApiFactory factory) : IClassFixture<PasskeyApiFactory>
{
    /// <summary>A platform authenticator with user verification (as a laptop's fingerprint reader), always present.</summary>
    private static async Task<(ICDPSession Cdp, string Id)> AddAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        return (cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    private async Task<IPage> RegisterOnTheAccountPageAsync(string userId)
    {
        await factory.AddUserAsync(userId, "Desk-Pass-2026");
        var token = (await new FlowClient(factory.CreateSocketClient()).LoginAsync(userId, "Desk-Pass-2026")).Token!;
        var page = await browser.NewPageAsync(factory.BrowserAddress, "en", token);
        await page.GotoAsync("/account/");
        return page;
    }

    [Fact]
    public async Task APasskeyAddedOnTheAccountPageSignsInWithoutAPasswordAndAsTheSecondFactor()
    {
        var page = await RegisterOnTheAccountPageAsync("liushi");
        var (cdp, authenticator) = await AddAuthenticatorAsync(page);

        await Expect(page.Locator("#passkeys-none")).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator("#passkeys li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#passkeys li input[name=name]")).ToHaveValueAsync("Work laptop");
        await Screenshots.TakeAsync(page, "account-passkeys");

        // Passwordless, from the login page of a fresh tab on the same authenticator.
        await page.Locator("#log-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/");
        await Expect(page.Locator("#passkeys li")).ToHaveCountAsync(1);

        // After the password, a user whose only second factor is the passkey is asked for it, not for a code.
        await page.Locator("#log-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await PasswordForm.SubmitAsync(page, "liushi", "Desk-Pass-2026");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it is you with your passkey" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/");

        // As the second factor, beside TOTP: the password first, then the passkey.
        await factory.EnableTotpAsync("liushi", TotpSecrets.New());
        await page.Locator("#log-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await PasswordForm.SubmitAsync(page, "liushi", "Desk-Pass-2026");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verify with a passkey" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "login-passkey-second-factor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/");

        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticator });
        credentials!.Value.GetProperty("credentials").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task AClonedPasskeyWhoseCounterFellBehindIsRefusedAndLogged()
    {
        var page = await RegisterOnTheAccountPageAsync("wujiu");
        var (cdp, original) = await AddAuthenticatorAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Security key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator("#passkeys li")).ToHaveCountAsync(1);
        await page.Locator("#log-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/");

        // The key copied, counter and all, into another authenticator, which then lags one use behind.
        var credential = (await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = original }))!
            .Value.GetProperty("credentials")[0];
        await cdp.SendAsync("WebAuthn.removeVirtualAuthenticator", new Dictionary<string, object> { ["authenticatorId"] = original });
        var (_, clone) = await AddAuthenticatorAsync(page);
        var copy = JsonSerializer.Deserialize<Dictionary<string, object>>(credential.GetRawText())!;
        copy["signCount"] = Math.Max(0, credential.GetProperty("signCount").GetInt32() - 1);
        await cdp.SendAsync("WebAuthn.addCredential", new Dictionary<string, object> { ["authenticatorId"] = clone, ["credential"] = copy });

        await page.Locator("#log-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Expect(page.Locator(".message.error[data-code=invalid_credentials]")).ToBeVisibleAsync();
        new Uri(page.Url).AbsolutePath.Should().Be("/");
        factory.Logs.Lines.Should().Contain(l => l.Contains("possibly a cloned authenticator") && l.Contains("wujiu"));
    }
}
