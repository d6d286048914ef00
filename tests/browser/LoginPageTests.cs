using LoginOrchestrator.Steps.Otp;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>#9: the login page draws the flow's actions, moves focus to each new step, and hands over to the account page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LoginPageTests(BrowserFixture browser, BrowserApiFactory factory) : IClassFixture<BrowserApiFactory>
{
    private static Task<string> FocusedId(IPage page) => page.EvaluateAsync<string>("document.activeElement?.id ?? ''");

    [Fact]
    public async Task PasswordThenTotpCodeFromTheKeyboardLandsOnTheAccountPage()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("zhangsan", "Desk-Pass-2026", totpSecret: secret);
        var page = await browser.NewPageAsync(factory.Address);
        await page.GotoAsync("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录", Exact = true })).ToBeVisibleAsync();
        (await FocusedId(page)).Should().Be("submitPassword-userId", "the first field of the step has the focus");
        await Screenshots.TakeAsync(page, "login");
        await page.Keyboard.TypeAsync("zhangsan");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Desk-Pass-2026");
        await page.Keyboard.PressAsync("Enter");

        var code = page.GetByLabel("动态码（6 位）");
        await Expect(code).ToBeFocusedAsync();
        await Expect(page.Locator("form[data-action=submitRecoveryCode]")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "login-otp");
        await code.FillAsync(factory.TotpCode(secret));
        await code.PressAsync("Enter");

        await page.WaitForURLAsync("**/account/");
        await Expect(page.Locator("#account")).ToContainTextAsync("zhangsan");
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('loginorchestrator.session')")).Should().NotBeNullOrEmpty();
        page.Url.Should().NotContain("token");
        await Screenshots.TakeAsync(page, "account");
    }

    [Fact]
    public async Task WrongPasswordShowsTheMessageAndAttemptsLeftInEnglish()
    {
        await factory.AddUserAsync("wangwu", "Desk-Pass-2026");
        var page = await browser.NewPageAsync(factory.Address, "en");
        await page.GotoAsync("/");

        await PasswordForm.FillAsync(page, "wangwu", "not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page.Locator("[data-code=invalid_credentials]")).ToBeVisibleAsync();
        await Expect(page.Locator(".attempts")).ToHaveTextAsync("4 attempts left");
        await Expect(PasswordForm.UserId(page)).ToBeFocusedAsync();
        await Screenshots.TakeAsync(page, "login-wrong-password");
    }

    [Fact]
    public async Task FifthWrongPasswordLocksAndThePageCountsDownAndOffersAFreshStart()
    {
        await factory.AddUserAsync("qianjiu", "Desk-Pass-2026");
        var page = await browser.NewPageAsync(factory.Address, "en");
        await page.GotoAsync("/");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await PasswordForm.SubmitAsync(page, "qianjiu", $"wrong-{attempt}");
            if (attempt < 5) await Expect(page.Locator(".attempts")).ToHaveTextAsync($"{5 - attempt} attempts left");
        }

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Locked" })).ToBeVisibleAsync();
        await Expect(page.Locator("#locked-for")).ToContainTextAsync("Try again in");
        var restart = page.GetByRole(AriaRole.Button, new() { Name = "Start again" });
        await Expect(restart).ToBeFocusedAsync();
        await Screenshots.TakeAsync(page, "login-locked");
        await restart.PressAsync("Enter");
        await Expect(PasswordForm.UserId(page)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task RememberThisDeviceSkipsTheCodeOnTheNextLoginInThisBrowserOnly()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("zhouba", "Desk-Pass-2026", totpSecret: secret);
        var page = await browser.NewPageAsync(factory.Address, "en");
        var context = page.Context;
        await page.GotoAsync("/");
        await PasswordForm.SubmitAsync(page, "zhouba", "Desk-Pass-2026");
        var code = page.GetByLabel("Code (6 digits)");
        await code.FillAsync(factory.TotpCode(secret));
        await page.Locator("form[data-action=submitOtp]").GetByLabel("Remember this device").CheckAsync();
        await code.PressAsync("Enter");
        await page.WaitForURLAsync("**/account/");
        (await context.CookiesAsync()).Should().Contain(c => c.Name == "lo_device" && c.HttpOnly);

        var again = await context.NewPageAsync();
        await again.GotoAsync("/");
        await PasswordForm.SubmitAsync(again, "zhouba", "Desk-Pass-2026");
        await again.WaitForURLAsync("**/account/");
        await Expect(again.Locator("#devices li")).ToHaveCountAsync(1);

        var elsewhere = await browser.NewPageAsync(factory.Address, "en");
        await elsewhere.GotoAsync("/");
        await PasswordForm.SubmitAsync(elsewhere, "zhouba", "Desk-Pass-2026");
        await Expect(elsewhere.GetByLabel("Code (6 digits)")).ToBeVisibleAsync();
    }
}
