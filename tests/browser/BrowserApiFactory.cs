using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>The API on a real port for a real browser, on real time: the page's countdowns read the browser's clock.</summary>
public sealed class BrowserApiFactory : KestrelLoginApiFactory
{
    protected override bool FakeClock => false;
}
