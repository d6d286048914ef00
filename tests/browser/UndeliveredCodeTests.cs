using System.Net;
using System.Net.Sockets;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>The API whose SMTP server refuses every connection, retrying quickly.</summary>
public sealed class UnreachableSmtpFactory : KestrelLoginApiFactory
{
    protected override bool FakeClock => false;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Smtp:Port", ClosedPort().ToString());
        builder.UseSetting("Delivery:RetryDelaysSeconds:email:0", "0.2");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: connections are refused
    }
}

/// <summary>#9: a code that cannot be delivered is shown as such, while resending waits for its cooldown.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UndeliveredCodeTests(BrowserFixture browser, UnreachableSmtpFactory factory) : IClassFixture<UnreachableSmtpFactory>
{
    [Fact]
    public async Task FailedDeliveryIsShownBesideTheResendCountdown()
    {
        await factory.SetSettingAsync("authentication", "type", "two_factor");
        await factory.AddUserAsync("zhengshi", "Desk-Pass-2026", email: "zhengshi@corp.example");
        var page = await browser.NewPageAsync(factory.Address, "en");
        await page.GotoAsync("/");

        await PasswordForm.SubmitAsync(page, "zhengshi", "Desk-Pass-2026");

        await Expect(page.Locator("[data-delivery=failed]")).ToContainTextAsync("Could not be delivered", new() { Timeout = 30_000 });
        await Expect(page.Locator("#resend")).ToBeDisabledAsync();
        await Screenshots.TakeAsync(page, "login-undelivered");
    }
}
