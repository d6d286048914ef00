using LoginOrchestrator.Samples.ItDesk;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Builder;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>The service and two relying parties (the sample IT desk, twice: "itdesk" and "directory"), each on its own port.</summary>
public sealed class TwoAppsFactory : KestrelLoginApiFactory
{
    private readonly List<WebApplication> _apps = [];

    protected override bool FakeClock => false;

    /// <summary>Registers the client and starts the sample app for it, signing in through this service.</summary>
    public async Task<Uri> StartAppAsync(string clientId)
    {
        var origin = new Uri($"http://127.0.0.1:{LocalMachine.FreePort()}/");
        var secret = await RegisterClientAsync(clientId, [$"{origin}signin-oidc"], postLogoutRedirectUris: [$"{origin}signout-callback-oidc"]);
        var app = ItDeskApp.Build(
        [
            "--urls", origin.ToString(),
            "--ItDesk:Authority", Address.ToString().TrimEnd('/'),
            "--ItDesk:ClientId", clientId,
            "--ItDesk:ClientSecret", secret!,
            "--ItDesk:Title", clientId,
            "--ItDesk:SessionCheckSeconds", "0",
        ]);
        await app.StartAsync();
        _apps.Add(app);
        return origin;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>#18.2: apps sign in through the service with ASP.NET Core's own OpenID Connect handler, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInWithAppsTests(BrowserFixture browser, TwoAppsFactory factory) : IClassFixture<TwoAppsFactory>
{
    [Fact]
    public async Task OneLoginSignsIntoBothAppsAndOneLogoutEndsBoth()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("wangwu", "Desk-Pass-2026", totpSecret: secret, departments: "2,7");
        var itDesk = await factory.StartAppAsync("itdesk");
        var directory = await factory.StartAppAsync("directory");
        var page = await browser.NewPageAsync(itDesk, language: "en");

        // The app sends the browser to the service's login page, which offers the password form.
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.StartsWith(factory.Address.ToString()) && url.Contains("returnTo="));
        await PasswordForm.SubmitAsync(page, "wangwu", "Desk-Pass-2026");
        var code = page.Locator("form[data-action=submitOtp] input[name=code]");
        await code.FillAsync(factory.TotpCode(secret));
        await code.PressAsync("Enter");

        // Back in the app, signed in, with what the service says of the login.
        await page.WaitForURLAsync(url => url.StartsWith(itDesk.ToString()));
        await Expect(page.Locator("#user-name")).ToHaveTextAsync("wangwu");
        await Expect(page.Locator("tr[data-claim=sub] td")).ToHaveTextAsync("wangwu");
        await Expect(page.Locator("tr[data-claim=acr] td")).ToHaveTextAsync("standard");
        var methods = await page.Locator("tr[data-claim=amr] td").AllTextContentsAsync();
        methods.Should().Contain(["pwd", "otp", "mfa"]);
        (await page.Locator("tr[data-claim=departments] td").AllTextContentsAsync()).Should().BeEquivalentTo(["2", "7"]);
        (await page.Locator("tr[data-claim=role] td").AllTextContentsAsync()).Should().Contain("agent");
        await Screenshots.TakeAsync(page, "oidc-itdesk-signed-in");

        // The second app: no password asked, the service's session is reused.
        await page.GotoAsync(directory.ToString());
        await page.WaitForURLAsync(url => url.StartsWith(directory.ToString()) && !url.Contains("signin-oidc"));
        await Expect(page.Locator("#user-name")).ToHaveTextAsync("wangwu");
        await Expect(page.Locator("h1")).ToHaveTextAsync("directory");

        // Sign out of one app: the service's session ends (RP-initiated logout), and with it the other app's sign-in.
        await page.GotoAsync(itDesk.ToString());
        await page.Locator("#logout").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith($"{itDesk}signed-out"));
        await page.GotoAsync(directory.ToString());
        await page.WaitForURLAsync(url => url.StartsWith(factory.Address.ToString()));
        await Expect(page.Locator("form[data-action=submitPassword]")).ToBeVisibleAsync();
    }
}
