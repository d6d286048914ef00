using Hangfire;
using LoginOrchestrator.Api.Hosting;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

public sealed class StalledSmtpFactory : LoginApiFactory
{
    /// <summary>An SMTP server that accepts every connection and never says a word.</summary>
    public TcpGate Smtp { get; } = new(TestServices.SmtpHost, int.Parse(TestServices.SmtpPort, System.Globalization.CultureInfo.InvariantCulture)) { Silent = true };

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Delivery:SendTimeoutSeconds", "2");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Issue 16.9: an SMTP server that accepts but never answers. A try ends at its bound, the clean-up is not held up behind
/// the stalled sends (they have workers of their own), and a code that could not be sent in its lifetime shows failed.
/// </summary>
public sealed class StalledSmtpTests(StalledSmtpFactory factory) : IClassFixture<StalledSmtpFactory>, IAsyncLifetime
{
    private readonly FlowClient _client = new(factory.CreateClient());

    public Task InitializeAsync() => factory.SetSettingAsync("authentication", "type", "two_factor");

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Answer> CaptchaAsync(string userId)
    {
        await factory.AddUserAsync(userId, $"{userId}-Pass-1", email: $"{userId}@corp.example");
        var captcha = await _client.LoginAsync(userId, $"{userId}-Pass-1");
        captcha.State.Should().Be("Captcha");
        return captcha;
    }

    [Fact]
    public async Task ATryEndsAtItsBoundAndTheCleanUpRunsBesideStalledSends()
    {
        foreach (var i in Enumerable.Range(0, 6)) await CaptchaAsync($"stalled{i}");

        // Six first tries side by side, each ending at the 2 s bound: two workers (the clean-up's) would need 6 s for them,
        // and MailKit's own read time-out is 10 s.
        await WaitForAsync(() => factory.Logs.Lines.Count(l => l.Contains("took longer than 2 s")) >= 6, TimeSpan.FromSeconds(4.5),
            "six stalled first tries ended at the send bound side by side");

        var before = factory.Logs.Lines.Count(l => l.Contains("Housekeeping removed"));
        factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(HousekeepingJob.RecurringJobId);
        await WaitForAsync(() => factory.Logs.Lines.Count(l => l.Contains("Housekeeping removed")) > before, TimeSpan.FromSeconds(10),
            "the clean-up ran while six sends were stalled");
    }

    private Task WaitForAsync(Func<bool> condition, TimeSpan within, string failure) =>
        Eventually.UntilAsync(() => Task.FromResult(condition()), within, () =>
            $"{failure}\nRecent log lines:\n{string.Join("\n", factory.Logs.Lines.Where(l => !l.Contains("Microsoft.EntityFrameworkCore") && !l.Contains("System.Net.Http")).TakeLast(40))}");
}

/// <summary>Issue 16.9: a code still on its way when it expires could not be sent in its lifetime, and the flow says so.</summary>
public sealed class UnsentCodeTests(StalledSmtpFactory factory) : IClassFixture<StalledSmtpFactory>, IAsyncLifetime
{
    private readonly FlowClient _client = new(factory.CreateClient());

    public Task InitializeAsync() => factory.SetSettingAsync("authentication", "type", "two_factor");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ACodeThatCouldNotBeSentInItsLifetimeShowsFailed()
    {
        await factory.AddUserAsync("stalled-late", "stalled-late-Pass-1", email: "stalled-late@corp.example");
        var captcha = await _client.LoginAsync("stalled-late", "stalled-late-Pass-1");
        captcha.Flow.GetProperty("captcha").GetProperty("delivery").GetString().Should().Be("queued");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // its first try is under way, held by the silent server

        factory.Clock.Advance(TimeSpan.FromSeconds(301)); // past the code's 300 s, inside the flow's 600 s

        var read = await _client.GetAsync(FlowClient.Id(captcha));
        read.Flow.GetProperty("captcha").GetProperty("delivery").GetString().Should().Be("failed");
    }
}
