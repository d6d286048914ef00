using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.DependencyInjection;
using LoginOrchestrator.Tests.Support;
using MySqlConnector;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The service on the shared services in real time: the instance that picks up what another left behind.</summary>
public sealed class RealTimeLoginApiFactory : LoginApiFactory
{
    protected override bool FakeClock => false;
}

/// <summary>
/// Issue 16.8, the jobs half: an instance dies (kill -9) while its delivery worker holds a code job (its mail server
/// hangs). Another instance hands the job back and sends the code inside the code's lifetime: it took 2–3 minutes with a
/// 2-minute invisibility time-out, now at most 30 s plus one pass of Hangfire's watcher (a minute).
/// </summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class OrphanedJobTests : IAsyncLifetime
{
    private readonly RealTimeLoginApiFactory _survivor = new();
    private readonly TcpGate _silentSmtp = new(TestServices.SmtpHost, int.Parse(TestServices.SmtpPort, System.Globalization.CultureInfo.InvariantCulture)) { Silent = true };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _survivor.DisposeAsync();
        await _silentSmtp.DisposeAsync();
    }

    [Fact]
    public async Task ACodeJobOfAnInstanceThatDiedIsSentByAnotherWithinTheCodesLifetime()
    {
        var settings = new Dictionary<string, string>(_survivor.SharedSettings)
        {
            ["Smtp:Port"] = _silentSmtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery:SendTimeoutSeconds"] = "20",
            ["Bootstrap:AdminUserId"] = LoginApiFactory.AdminUserId,
            ["Bootstrap:AdminPassword"] = LoginApiFactory.AdminPassword,
        };
        var address = $"orphan-{_survivor.RunId}@corp.example";
        var dying = await ApiProcess.StartAsync(settings, Path.Combine(_survivor.DataDirectory, "dying"));
        string flowId;
        try
        {
            await TwoFactorForEveryoneAsync();
            var client = new FlowClient(dying.Client);
            // An instance that read the settings before the write holds them until the change signal reaches it.
            Answer bind = null!;
            await Eventually.UntilAsync(async () =>
            {
                bind = await client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword);
                return bind.State == "TwoFactorBind";
            }, TimeSpan.FromSeconds(10), "The dying instance never applied the two-factor setting.");
            bind.State.Should().Be("TwoFactorBind", "the bootstrap admin has no email yet");
            flowId = FlowClient.Id(bind);
            (await client.PostAsync(flowId, "bind", new { channel = "email", target = address })).State.Should().Be("Captcha");
            await Task.Delay(TimeSpan.FromSeconds(2)); // its delivery worker has the job, held by the silent server
        }
        finally
        {
            await dying.DisposeAsync(); // kill -9 (the whole process tree): no worker says goodbye
        }

        var survivorClient = new FlowClient(_survivor.CreateClient());
        await Eventually.UntilAsync(async () => (await _survivor.Mailbox.MailsToAsync(address)).Count > 0, TimeSpan.FromSeconds(100),
            "The code job the dead instance held was never handed back and sent.");
        var mail = (await _survivor.Mailbox.MailsToAsync(address))[0];
        (await survivorClient.PostAsync(flowId, "captcha", new { code = mail.Code })).State.Should().Be("Issued");
    }

    /// <summary>Straight into the shared database: no instance may run its delivery workers before the dying one takes the job.</summary>
    private async Task TwoFactorForEveryoneAsync()
    {
        await using var connection = new MySqlConnection(_survivor.DatabaseConnection);
        await connection.OpenAsync();
        await using var insert = new MySqlCommand("""
            INSERT INTO setting (MetaId, Value, Enabled, UpdatedBy, CreatedAt, UpdatedAt)
            SELECT Id, '"two_factor"', 1, 'test', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM setting_meta WHERE Namespace = 'authentication' AND `Key` = 'type'
            """, connection);
        await insert.ExecuteNonQueryAsync();
        // What an admin's change does: every instance drops its cached settings.
        await _survivor.Services.GetRequiredService<ISettingsChangeSignal>().PublishAsync(CancellationToken.None);
    }
}
