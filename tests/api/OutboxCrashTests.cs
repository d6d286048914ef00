using System.Net;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The instance that drains what a dead one left: in real time, recovering after 2 s instead of 10.</summary>
public sealed class OutboxSurvivorFactory : LoginApiFactory
{
    protected override bool FakeClock => false;

    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Outbox:RecoverAfterSeconds", "2");
}

/// <summary>
/// Issue 22.3: a code's send and a login's audit row leave the request through the flow's outbox in Redis. An instance
/// killed (kill -9) after its answers and before its drain loses neither: another instance finds them, and the mail is
/// sent once and the row written once.
/// </summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class OutboxCrashTests : IAsyncLifetime
{
    private readonly OutboxSurvivorFactory _survivor = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _survivor.DisposeAsync();

    [Fact]
    public async Task WhatADeadInstanceLeftInItsOutboxIsCarriedOutOnceByAnother()
    {
        await _survivor.SetSettingAsync("authentication", "type", "two_factor");
        var settings = new Dictionary<string, string>(_survivor.SharedSettings)
        {
            ["Bootstrap:AdminUserId"] = LoginApiFactory.AdminUserId,
            ["Bootstrap:AdminPassword"] = LoginApiFactory.AdminPassword,
            // Its drainer waits ten minutes before it takes what it saved: it dies with everything still in Redis.
            ["Outbox:DrainDelayMilliseconds"] = "600000",
        };
        var address = $"outbox-{_survivor.RunId}@corp.example";
        var stranger = $"outbox-nobody-{_survivor.RunId}";
        string codeFlow, lockedFlow;
        var dying = await ApiProcess.StartAsync(settings, Path.Combine(_survivor.DataDirectory, "dying"));
        try
        {
            var client = new FlowClient(dying.Client);
            var bind = await client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);
            bind.State.Should().Be("TwoFactorBind", "the bootstrap admin has no email yet");
            codeFlow = FlowClient.Id(bind);
            var queued = await client.PostAsync(codeFlow, "bind", new { channel = "email", target = address });
            queued.State.Should().Be("Captcha");
            queued.Body.GetProperty("captcha").GetProperty("delivery").GetString().Should().Be("queued");

            lockedFlow = FlowClient.Id(await client.StartAsync());
            Answer last = default!;
            for (var i = 0; i < 5; i++) last = await client.PasswordAsync(lockedFlow, stranger, "not-the-password");
            last.Status.Should().Be(HttpStatusCode.Locked);

            // Answered, not yet drained: no mail, no row.
            await Task.Delay(TimeSpan.FromSeconds(1));
            (await _survivor.Mailbox.MailsToAsync(address)).Should().BeEmpty("the dying instance holds its drain back");
            (await AuditRowsAsync(lockedFlow)).Should().Be(0);
        }
        finally
        {
            await dying.DisposeAsync(); // kill -9 (the whole process tree)
        }

        await Eventually.UntilAsync(async () => (await _survivor.Mailbox.MailsToAsync(address)).Count > 0 && await AuditRowsAsync(lockedFlow) > 0,
            TimeSpan.FromSeconds(60), "What the dead instance left in its outbox was never carried out.");
        // Several more recovery passes: nothing is carried out twice.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var mails = await _survivor.Mailbox.MailsToAsync(address);
        mails.Should().ContainSingle("the code is sent once");
        (await AuditRowsAsync(lockedFlow)).Should().Be(1, "the outcome is written once");

        var survivorClient = new FlowClient(_survivor.CreateClient());
        (await survivorClient.PostAsync(codeFlow, "captcha", new { code = mails[0].Code })).State.Should().Be("Issued");
        await Eventually.UntilAsync(async () => await AuditRowsAsync(codeFlow) == 1, TimeSpan.FromSeconds(10), "The issued login was not audited.");
    }

    private Task<int> AuditRowsAsync(string flowId) =>
        _survivor.WithDbAsync(db => db.LoginAudit.CountAsync(a => a.FlowId == flowId && a.Kind == "login"));
}
