using System.Globalization;
using System.Net;
using Hangfire;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

/// <summary>SMTP (maildev) behind a gate the test closes and opens; retries half a second apart; a small daily cap per target.</summary>
public sealed class GatedSmtpFactory : LoginApiFactory
{
    public TcpGate Gate { get; } = new(TestServices.SmtpHost, int.Parse(TestServices.SmtpPort, CultureInfo.InvariantCulture));

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Smtp:Port", Gate.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Delivery:RetryDelaysSeconds:email:0", "0.5");
        builder.UseSetting("Delivery:RetryDelaysSeconds:email:1", "0.5");
        builder.UseSetting("RateLimits:CodesPerTargetPerDay", "3");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gate.DisposeAsync();
    }
}

[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class DeliveryTests(GatedSmtpFactory factory) : IClassFixture<GatedSmtpFactory>, IAsyncLifetime
{
    private readonly FlowClient _client = new(factory.CreateClient());

    public Task InitializeAsync() => factory.SetSettingAsync("authentication", "type", "two_factor");

    public Task DisposeAsync()
    {
        factory.Gate.Open = true;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SmtpDownFailsTheDeliveryAfterItsRetriesTheFlowSaysSoAndAResendWorksOnceSmtpIsBack()
    {
        await factory.AddUserAsync("smtp-down", "smtp-down-Pass-1", email: "smtp-down@corp.example");
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var failedJobsBefore = monitoring.FailedCount();
        factory.Gate.Open = false;

        var captcha = await _client.LoginAsync("smtp-down", "smtp-down-Pass-1");
        captcha.State.Should().Be("Captcha");
        var flowId = FlowClient.Id(captcha);
        var delivery = await WaitForDeliveryAsync(flowId, "failed");

        delivery.Should().Be("failed");
        // The record turns failed just before the job throws: give Hangfire a moment to file it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (monitoring.FailedCount() == failedJobsBefore && DateTime.UtcNow < deadline) await Task.Delay(100);
        monitoring.FailedCount().Should().Be(failedJobsBefore + 1, "the last failure shows on the dashboard");
        (await factory.Mailbox.MailsToAsync("smtp-down@corp.example")).Should().BeEmpty();

        factory.Gate.Open = true;
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        (await _client.PostAsync(flowId, "captcha/resend")).State.Should().Be("Captcha");
        var mail = await factory.Mailbox.WaitForMailAsync("smtp-down@corp.example");
        (await _client.PostAsync(flowId, "captcha", new { code = mail.Code })).State.Should().Be("Issued");
    }

    [Fact]
    public async Task ACodeProducesExactlyOneMail()
    {
        await factory.AddUserAsync("one-mail", "one-mail-Pass-1", email: "one-mail@corp.example");

        var captcha = await _client.LoginAsync("one-mail", "one-mail-Pass-1");
        var mail = await factory.Mailbox.WaitForMailAsync("one-mail@corp.example");
        (await WaitForDeliveryAsync(FlowClient.Id(captcha), "sent")).Should().Be("sent");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a duplicate would have time to arrive

        (await factory.Mailbox.MailsToAsync("one-mail@corp.example")).Should().ContainSingle();
        (await _client.PostAsync(FlowClient.Id(captcha), "captcha", new { code = mail.Code })).State.Should().Be("Issued");
    }

    [Fact]
    public async Task ASendQueuedThriceByAnOutboxDrainedAgainIsMailedOnce()
    {
        // After a crash between carrying out an outbox and removing it, its messages are carried out again: the jobs of
        // one delivery race for its first try, and one sends.
        const string Address = "drained-twice@corp.example";
        var dispatcher = factory.Services.GetRequiredService<ICodeDispatcher>();
        var delivery = await dispatcher.PrepareAsync(new CodeDispatch("drained-twice-flow", Channels.Email, Address, "246810",
            factory.Clock.GetUtcNow().AddMinutes(5), "login", "drained-twice", "Drained Twice", "en"), default);
        await delivery.WriteAsync(default);

        var send = new OutboxMessage.SendCode(delivery.DeliveryId);
        await factory.Services.GetRequiredService<IOutboxHandler>().HandleAsync([send, send, send], default);

        await factory.Mailbox.WaitForMailAsync(Address);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the other two jobs have run by now
        (await factory.Mailbox.MailsToAsync(Address)).Should().ContainSingle();
    }

    [Fact]
    public async Task DailyCapPerTargetRefusesTheNextCodeWith429AndLeavesTheFlowAsItWas()
    {
        await factory.AddUserAsync("capped", "capped-Pass-1", email: "capped@corp.example");
        for (var i = 0; i < 3; i++)
            (await _client.LoginAsync("capped", "capped-Pass-1")).State.Should().Be("Captcha");

        var flowId = FlowClient.Id(await _client.StartAsync());
        var refused = await _client.PasswordAsync(flowId, "capped", "capped-Pass-1");

        refused.Status.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Code.Should().Be("rate_limited");
        refused.Response.Headers.RetryAfter!.Delta.Should().BePositive();
        refused.State.Should().Be("Credentials");
        (await _client.GetAsync(flowId)).State.Should().Be("Credentials", "nothing was saved");
    }

    /// <summary>#19.4: an admin's unlock also starts the user's and their address's code counts of the day again.</summary>
    [Fact]
    public async Task AnAdminUnlockLiftsTheDailyCapsOfTheUserAndTheirAddress()
    {
        await factory.AddUserAsync("capped-unlock", "capped-Pass-1", email: "capped-unlock@corp.example");
        for (var i = 0; i < 3; i++)
            (await _client.LoginAsync("capped-unlock", "capped-Pass-1")).State.Should().Be("Captcha");
        (await _client.LoginAsync("capped-unlock", "capped-Pass-1")).Status.Should().Be(HttpStatusCode.TooManyRequests);

        var admin = await factory.AdminTokenAsync(_client);
        (await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/users/capped-unlock/unlock", null, admin)).Status.Should().Be(HttpStatusCode.NoContent);

        (await _client.LoginAsync("capped-unlock", "capped-Pass-1")).State.Should().Be("Captcha", "the unlock reset today's caps");
    }

    [Fact]
    public async Task TheCodeIsInNoLogLineAndNoJobArgument()
    {
        await factory.AddUserAsync("quiet", "quiet-Pass-1", email: "quiet@corp.example");
        var captcha = await _client.LoginAsync("quiet", "quiet-Pass-1");
        var code = (await factory.Mailbox.WaitForMailAsync("quiet@corp.example")).Code;
        (await WaitForDeliveryAsync(FlowClient.Id(captcha), "sent")).Should().Be("sent");

        factory.Logs.Lines.Should().Contain(line => line.Contains("sent by email to q***@corp.example"), "the capture sees the delivery's own log line");
        factory.Logs.Lines.Should().NotContain(line => line.Contains(code));
        var jobs = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededJobs(0, 1000);
        jobs.Should().NotBeEmpty();
        jobs.SelectMany(j => j.Value.Job?.Args ?? []).Select(a => a?.ToString() ?? "").Should().NotContain(arg => arg.Contains(code));
    }

    private async Task<string?> WaitForDeliveryAsync(string flowId, string status)
    {
        string? delivery = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var flow = await _client.GetAsync(flowId);
            delivery = flow.Flow.GetProperty("captcha").TryGetProperty("delivery", out var d) ? d.GetString() : null;
            if (delivery == status) break;
            await Task.Delay(200);
        }
        return delivery;
    }
}
