using LoginOrchestrator.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>#20: the agent list shows colleagues' statuses as their sessions set them; agents see it too.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AgentListPageTests(BrowserFixture browser, BrowserApiFactory factory) : IClassFixture<BrowserApiFactory>
{
    [Fact]
    public async Task AnAgentSeesWhoIsOnlineAndFiltersByStatus()
    {
        await factory.AddUserAsync("chenjiu", "Desk-Pass-2026");
        await factory.AddUserAsync("linshi", "Desk-Pass-2026");
        var client = new FlowClient(factory.CreateSocketClient());
        var token = (await client.LoginAsync("chenjiu", "Desk-Pass-2026")).Token!;
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/account/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Agents" }).ClickAsync();

        await page.WaitForURLAsync("**/agents/");
        await Expect(page.Locator("tr[data-agent=chenjiu] [data-status]")).ToHaveTextAsync("Online");
        await Expect(page.Locator("tr[data-agent=linshi] [data-status]")).ToHaveTextAsync("Offline");
        await page.Locator("#agents-status").SelectOptionAsync("online");
        await Expect(page.Locator("tr[data-agent=linshi]")).ToHaveCountAsync(0);
        await Expect(page.Locator("tr[data-agent=chenjiu]")).ToHaveCountAsync(1);
    }
}
