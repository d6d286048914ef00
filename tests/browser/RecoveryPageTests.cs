using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>#19: "forgot password" from the login page, the mailed code (read from maildev), a new password, then signing in with it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RecoveryPageTests(BrowserFixture browser, BrowserApiFactory factory) : IClassFixture<BrowserApiFactory>
{
    [Fact]
    public async Task AForgottenPasswordIsRecoveredFromTheLoginPage()
    {
        var email = $"zhaoliu.{factory.RunId}@corp.example";
        await factory.AddUserAsync("zhaoliu", "Desk-Pass-2026", email: email, contactsVerified: true);
        var page = await browser.NewPageAsync(factory.Address, "en");
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();

        await page.WaitForURLAsync("**/recover/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recover your password" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("User ID")).ToBeFocusedAsync();
        await page.GetByLabel("User ID").FillAsync("zhaoliu");
        await page.GetByLabel("User ID").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the code" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-code=recovery_code_sent]")).ToContainTextAsync("If the account exists");
        await Expect(page.Locator("#resend")).ToBeDisabledAsync();
        await Screenshots.TakeAsync(page, "recovery-code");
        var code = page.GetByLabel("Code", new() { Exact = true });
        await code.FillAsync((await factory.WaitForMailAsync(email)).Code);
        await code.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password" })).ToBeVisibleAsync();
        var password = page.GetByRole(AriaRole.Textbox, new() { Name = "New password" });
        (await password.GetAttributeAsync("autocomplete")).Should().Be("new-password");
        await password.FillAsync("short");
        await password.PressAsync("Enter");
        await Expect(page.Locator("[role=alert]").First).ToContainTextAsync("at least 8 characters");
        await password.FillAsync("Recovered-Desk-2026");
        await password.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Password changed" })).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "recovery-done");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to sign-in" }).ClickAsync();
        await PasswordForm.SubmitAsync(page, "zhaoliu", "Recovered-Desk-2026");
        await page.WaitForURLAsync("**/account/");
    }

    [Fact]
    public async Task TheLoginPageOffersNoRecoveryWhenTheSettingsTurnItOff()
    {
        await factory.SetSettingAsync("recovery", "enabled", false);
        try
        {
            var page = await browser.NewPageAsync(factory.Address, "en");
            await page.GotoAsync("/");

            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator("#forgot-password")).ToHaveCountAsync(0);
        }
        finally
        {
            await factory.SetSettingAsync("recovery", "enabled", true);
        }
    }
}
