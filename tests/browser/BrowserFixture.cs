using Microsoft.Playwright;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>
/// One Chromium for the test run: Debian's (scripts/services.sh installs it), driven by Playwright for .NET,
/// whose own browser download is not needed.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("LO_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        // The whole suite shares two cores: give each expectation the same 15 s as each action.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh page (its own storage) in <paramref name="language"/>, holding <paramref name="token"/> if given.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, string language = "zh-CN", string? token = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), Locale = language, ViewportSize = new() { Width = 1100, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var init = $"localStorage.setItem('loginorchestrator.language', '{language}');";
        // Once per tab: the script runs on every navigation, and a page that logged out must stay logged out.
        if (token is not null)
            init += $"if (!sessionStorage.getItem('test.seeded')) {{ sessionStorage.setItem('test.seeded', '1'); sessionStorage.setItem('loginorchestrator.session', '{token}'); }}";
        await context.AddInitScriptAsync(init);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
