using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>#9: the account page enrols an authenticator from the QR code, shows recovery codes once, and logs out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountPageTests(BrowserFixture browser, BrowserApiFactory factory) : IClassFixture<BrowserApiFactory>
{
    /// <summary>#19.3: the account page lists the user's sessions and ends another one.</summary>
    [Fact]
    public async Task UserSeesTheirSessionsAndEndsTheOneOnAnotherDevice()
    {
        await factory.AddUserAsync("zhouba", "Desk-Pass-2026");
        var phoneClient = factory.CreateSocketClient();
        phoneClient.DefaultRequestHeaders.UserAgent.ParseAdd("DeskPhone/2.0");
        var phone = (await new FlowClient(phoneClient).LoginAsync("zhouba", "Desk-Pass-2026")).Token!;
        var token = (await new FlowClient(factory.CreateSocketClient()).LoginAsync("zhouba", "Desk-Pass-2026")).Token!;
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/account/");

        var rows = page.Locator("#sessions tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("#sessions")).ToContainTextAsync("(this one)");
        await Screenshots.TakeAsync(page, "account-sessions");
        await rows.Filter(new() { HasText = "DeskPhone/2.0" }).GetByRole(AriaRole.Button, new() { Name = "End" }).ClickAsync();

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).Not.ToContainTextAsync("DeskPhone/2.0");
        (await new FlowClient(factory.CreateSocketClient()).SendAsync(HttpMethod.Get, "/api/v1/session", null, phone))
            .Status.Should().Be(System.Net.HttpStatusCode.Unauthorized, "the phone's session ended");
    }

    [Fact]
    public async Task UserEnrolsTotpSeesTenRecoveryCodesOnceAndLogsOut()
    {
        await factory.AddUserAsync("sunqi", "Desk-Pass-2026");
        var token = (await new FlowClient(factory.CreateSocketClient()).LoginAsync("sunqi", "Desk-Pass-2026")).Token!;
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/account/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Expect(page.Locator("#otp-qr")).ToBeVisibleAsync();
        var secret = TotpSecrets.FromBase32(await page.Locator("#otp-secret").InnerTextAsync());
        await Expect(page.GetByLabel("6-digit code from the app")).ToBeFocusedAsync();
        await Screenshots.TakeAsync(page, "account-enrol");
        await page.GetByLabel("6-digit code from the app").FillAsync(factory.TotpCode(secret));
        await page.GetByLabel("6-digit code from the app").PressAsync("Enter");

        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Screenshots.TakeAsync(page, "account-recovery-codes");
        await page.ReloadAsync();
        await Expect(page.Locator("#otp-title")).ToContainTextAsync("On");
        await Expect(page.Locator("#recovery-codes")).ToHaveCountAsync(0);

        await page.Locator("#log-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('loginorchestrator.session')")).Should().BeNull();
        (await new FlowClient(factory.CreateSocketClient()).SendAsync(HttpMethod.Get, "/api/v1/session", null, token)).Status
            .Should().Be(System.Net.HttpStatusCode.Unauthorized, "logging out ends the session on the server");
    }

    [Fact]
    public async Task PasswordChangedOnTheAccountPageIsTheOneThatSignsInNext()
    {
        await factory.AddUserAsync("fengyi", "Desk-Pass-2026");
        var client = new FlowClient(factory.CreateSocketClient());
        var token = (await client.LoginAsync("fengyi", "Desk-Pass-2026")).Token!;
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/account/");

        await page.GetByLabel("New password").FillAsync("password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.Locator("#password-form [role=alert]")).ToBeVisibleAsync(); // the current one is required, and "password" is common

        await page.GetByLabel("Current password").FillAsync("Desk-Pass-2026");
        await page.GetByLabel("New password").FillAsync("Harbour-Lantern-77");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.Locator("#password-form [role=status]")).ToHaveTextAsync("Password changed; your other sessions were signed out.");

        (await client.LoginAsync("fengyi", "Desk-Pass-2026")).Code.Should().Be("invalid_credentials");
        (await client.LoginAsync("fengyi", "Harbour-Lantern-77")).State.Should().Be("Issued");
    }

    [Fact]
    public async Task UserChangesTheirEmailWithTheCodeSentToTheNewAddress()
    {
        var (old, fresh) = ($"qianba.{factory.RunId}@old.example", $"qianba.{factory.RunId}@new.example");
        await factory.AddUserAsync("qianba", "Desk-Pass-2026", email: old, contactsVerified: true);
        var token = (await new FlowClient(factory.CreateSocketClient()).LoginAsync("qianba", "Desk-Pass-2026")).Token!;
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/account/");
        await Expect(page.Locator("#contacts")).ToContainTextAsync(old);

        await page.GetByLabel("New email or mobile number").FillAsync(fresh);
        await page.Locator("#contact-send").GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(page.Locator("#contact-code")).ToBeFocusedAsync();
        await page.Locator("#contact-code").FillAsync((await factory.WaitForMailAsync(fresh)).Code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(page.Locator("#contact-result [role=status]")).ToHaveTextAsync("Your contact was changed; the old one was told.");
        await Expect(page.Locator("#contacts")).ToContainTextAsync(fresh);
        (await factory.WaitForMailAsync(old)).Subject.Should().Be("LoginOrchestrator 联系方式已更改");
    }
}
