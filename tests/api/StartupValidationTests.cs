using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Tests;

/// <summary>Configuration that cannot work stops the start with its key named, rather than failing requests later.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Login:AllowedReturnUrls:0", "desk.corp.example/app", "Login:AllowedReturnUrls")]
    [InlineData("Login:AllowedReturnUrls:0", "ftp://desk.corp.example/", "Login:AllowedReturnUrls")]
    [InlineData("Login:AllowedReturnUrls:0", "https://desk.corp.example/app?x=1", "Login:AllowedReturnUrls")]
    [InlineData("Login:PublicOrigin", "https://login.corp.example/path", "Login:PublicOrigin")]
    [InlineData("Cors:AllowedOrigins:0", "https://desk.corp.example/app", "Cors:AllowedOrigins")]
    [InlineData("Cors:AllowedOrigins:0", "desk.corp.example", "Cors:AllowedOrigins")]
    [InlineData("Requests:DeadlineSeconds", "0", "DeadlineSeconds")]
    [InlineData("Delivery:SendTimeoutSeconds", "60", "SendTimeoutSeconds")]
    [InlineData("Smtp:Port", "0", "Port")]
    [InlineData("Smtp:From", "not a mailbox <", "Smtp:From")]
    [InlineData("WebAuthn:Origins:0", "https://evil.example", "WebAuthn:Origins")]
    [InlineData("WebAuthn:Origins:0", "http://localhost:5080/login", "WebAuthn:Origins")]
    [InlineData("Bootstrap:AdminPassword", "short", "Bootstrap:AdminPassword")]
    public void AMalformedSettingStopsTheStart(string key, string value, string named)
    {
        using var factory = new MisconfiguredFactory(key, value);

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }

    /// <summary>Issue 24.3: a production instance will not keep its key ring in the clear.</summary>
    [Fact]
    public async Task ProductionWithoutTheKeyRingsCertificateStopsTheStart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "loginorchestrator-tests", $"no-keyring-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Database"] = $"Data Source={Path.Combine(folder, "lo.db")}" };

        var start = () => ApiProcess.StartAsync(settings, folder);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("exited").And.Contain("KeyRing:CertificatePath is required in Production");
    }

    /// <summary>deploy/compose names the bootstrap variables and may leave them empty: empty is unset, not too short.</summary>
    [Fact]
    public async Task EmptyBootstrapSettingsAreUnset()
    {
        using var factory = new MisconfiguredFactory(new() { ["Bootstrap:AdminUserId"] = "", ["Bootstrap:AdminPassword"] = "" });

        (await factory.CreateClient().GetAsync("/healthz/live")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    private sealed class MisconfiguredFactory(Dictionary<string, string> settings) : LoginApiFactory
    {
        public MisconfiguredFactory(string key, string value) : this(new Dictionary<string, string> { [key] = value }) { }

        protected override bool Embedded => true;

        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
