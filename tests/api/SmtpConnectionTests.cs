using System.Globalization;
using LoginOrchestrator.Steps.Delivery;
using LoginOrchestrator.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// SMTP connections kept between sends, against maildev through a gate that counts connections: sends share one, one
/// the server closed while idle is replaced without losing or doubling the mail, and none is kept past its idle life.
/// </summary>
public sealed class SmtpConnectionTests
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly MaildevMailbox _mailbox = new(TestServices.Maildev, DateTimeOffset.UtcNow);

    [Fact]
    public async Task SendsShareAConnectionAndOneClosedWhileIdleIsReplaced()
    {
        await using var gate = Gate();
        await using var connections = Connections(gate, connections: 8, TimeProvider.System);
        string[] addresses = [.. Enumerable.Range(0, 3).Select(i => $"pooled{i}.{_run}@example.test")];
        foreach (var address in addresses) await connections.SendAsync(Mail(address), CancellationToken.None);
        gate.Accepted.Should().Be(1);

        gate.DropConnections(); // as a server's idle time-out does
        var afterDrop = $"after-drop.{_run}@example.test";
        await connections.SendAsync(Mail(afterDrop), CancellationToken.None);
        gate.Accepted.Should().Be(2);

        foreach (var address in addresses.Append(afterDrop))
        {
            (await ((IMailbox)_mailbox).WaitForMailAsync(address)).Subject.Should().Be("pool test");
            (await MaildevMailbox.CountAllAsync(TestServices.Maildev, address)).Should().Be(1, $"{address} was sent once");
        }
    }

    [Fact]
    public async Task WithoutAPoolEachMailHasItsOwnConnection()
    {
        await using var gate = Gate();
        await using var connections = Connections(gate, connections: 0, TimeProvider.System);
        for (var i = 0; i < 3; i++) await connections.SendAsync(Mail($"unpooled{i}.{_run}@example.test"), CancellationToken.None);
        gate.Accepted.Should().Be(3);
    }

    [Fact]
    public async Task ABurstSharesTheAllowedConnectionsAndEveryMailArrivesOnce()
    {
        await using var gate = Gate();
        await using var connections = Connections(gate, connections: 2, TimeProvider.System);
        string[] addresses = [.. Enumerable.Range(0, 20).Select(i => $"burst{i}.{_run}@example.test")];
        await Task.WhenAll(addresses.Select(address => connections.SendAsync(Mail(address), CancellationToken.None)));
        gate.Accepted.Should().Be(2);
        foreach (var address in addresses)
        {
            await ((IMailbox)_mailbox).WaitForMailAsync(address);
            (await MaildevMailbox.CountAllAsync(TestServices.Maildev, address)).Should().Be(1, $"{address} was sent once");
        }
    }

    [Fact]
    public async Task AConnectionIdleLongerThanItsLifetimeIsNotReused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gate = Gate();
        await using var connections = Connections(gate, connections: 8, time);
        await connections.SendAsync(Mail($"idle0.{_run}@example.test"), CancellationToken.None);
        time.Advance(SmtpConnections.IdleLifetime - TimeSpan.FromSeconds(1));
        await connections.SendAsync(Mail($"idle1.{_run}@example.test"), CancellationToken.None);
        gate.Accepted.Should().Be(1);
        time.Advance(SmtpConnections.IdleLifetime);
        await connections.SendAsync(Mail($"idle2.{_run}@example.test"), CancellationToken.None);
        gate.Accepted.Should().Be(2);
    }

    private static TcpGate Gate() => new(TestServices.SmtpHost, int.Parse(TestServices.SmtpPort, CultureInfo.InvariantCulture));

    private static SmtpConnections Connections(TcpGate gate, int connections, TimeProvider time) =>
        new(Options.Create(new MailOptions { Host = "127.0.0.1", Port = gate.Port, Connections = connections }), time);

    private static MimeMessage Mail(string to)
    {
        var mail = new MimeMessage { Subject = "pool test", Body = new TextPart("plain") { Text = "a test of kept connections" } };
        mail.From.Add(MailboxAddress.Parse("tests@example.test"));
        mail.To.Add(MailboxAddress.Parse(to));
        return mail;
    }
}
