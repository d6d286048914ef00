using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>#9: a flow left past its lifetime says so, and offers (and focuses) a fresh start.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExpiredFlowTests(BrowserFixture browser, BrowserApiFactory factory) : IClassFixture<BrowserApiFactory>
{
    [Fact]
    public async Task AnswerAfterTheFlowsLifetimeShowsExpiredAndStartsAgain()
    {
        await factory.SetSettingAsync("flow", "lifetime_seconds", 60); // the shortest the schema allows
        await factory.AddUserAsync("wujiu", "Desk-Pass-2026");
        var page = await browser.NewPageAsync(factory.Address, "en");
        await page.GotoAsync("/");
        await PasswordForm.FillAsync(page, "wujiu", "Desk-Pass-2026");

        await Task.Delay(TimeSpan.FromSeconds(62));
        await PasswordForm.Password(page).PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This sign-in has expired" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-code=flow_expired]")).ToBeVisibleAsync();
        var restart = page.GetByRole(AriaRole.Button, new() { Name = "Start again" });
        await Expect(restart).ToBeFocusedAsync();
        await Screenshots.TakeAsync(page, "login-expired");
        await restart.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }
}
