using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>#9: with two-factor on, the code mail (read from maildev) signs the user in; resending waits for the cooldown.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CaptchaLoginTests(BrowserFixture browser, BrowserApiFactory factory) : IClassFixture<BrowserApiFactory>
{
    [Fact]
    public async Task PasswordThenTheMailedCodeSignsInAndResendIsDisabledDuringTheCooldown()
    {
        await factory.SetSettingAsync("authentication", "type", "two_factor");
        var email = $"lisi.{factory.RunId}@corp.example";
        await factory.AddUserAsync("lisi", "Desk-Pass-2026", email: email);
        var page = await browser.NewPageAsync(factory.Address, "en");
        await page.GotoAsync("/");

        await PasswordForm.SubmitAsync(page, "lisi", "Desk-Pass-2026");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the verification code" })).ToBeVisibleAsync();
        await Expect(page.Locator(".captcha")).ToContainTextAsync("Code sent to");
        var resend = page.Locator("#resend");
        await Expect(resend).ToBeDisabledAsync();
        await Expect(resend).ToContainTextAsync("Resend in");
        await Expect(page.Locator("[data-delivery=sent]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByLabel("Code", new() { Exact = true })).ToBeFocusedAsync();
        await Screenshots.TakeAsync(page, "login-captcha");

        var mail = await factory.WaitForMailAsync(email);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(mail.Code);
        await page.GetByLabel("Code", new() { Exact = true }).PressAsync("Enter");

        await page.WaitForURLAsync("**/account/");
        await Expect(page.Locator("#account")).ToContainTextAsync("lisi");
    }
}
