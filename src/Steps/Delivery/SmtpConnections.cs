using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>
/// At most <see cref="MailOptions.Connections"/> SMTP connections, kept open between sends: a connection per mail pays the
/// connect, the greeting, EHLO, TLS and AUTH before every message. Only a connection whose last send succeeded is kept,
/// for <see cref="IdleLifetime"/> at most (servers drop idle sessions) and <see cref="MessagesPerConnection"/> messages.
/// </summary>
public sealed class SmtpConnections(IOptions<MailOptions> options, TimeProvider time) : IAsyncDisposable
{
    /// <summary>Shorter than the idle time-outs servers commonly apply (a minute and up).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Some servers end a session after so many messages; a fresh one now and then costs little.</summary>
    public const int MessagesPerConnection = 100;

    private readonly ConcurrentBag<Idle> _idle = [];
    private readonly SemaphoreSlim? _slots = options.Value.Connections > 0 ? new(options.Value.Connections) : null;

    private sealed record Idle(SmtpClient Client, int Sent, long Since);

    /// <summary>
    /// Sends on an idle connection if one is open, else on a new one; a broken idle connection is replaced once. With
    /// every connection busy, waits for one (the wait counts against the caller's bound on the send).
    /// </summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (_slots is null)
        {
            await SendOnAnyAsync(message, cancellationToken);
            return;
        }
        await _slots.WaitAsync(cancellationToken);
        try
        {
            await SendOnAnyAsync(message, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task SendOnAnyAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (TakeIdle() is { } idle)
        {
            try
            {
                await idle.Client.SendAsync(message, cancellationToken);
                await KeepAsync(idle.Client, idle.Sent + 1);
                return;
            }
            catch (Exception e) when (ClosedUnderUs(e) && !cancellationToken.IsCancellationRequested)
            {
                // The server closed it while it was idle: the message was not taken, a fresh connection sends it.
                idle.Client.Dispose();
            }
            catch
            {
                idle.Client.Dispose();
                throw;
            }
        }
        var client = await ConnectAsync(cancellationToken);
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        await KeepAsync(client, 1);
    }

    private Idle? TakeIdle()
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.Client.IsConnected && time.GetElapsedTime(idle.Since) < IdleLifetime) return idle;
            idle.Client.Dispose();
        }
        return null;
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var client = new SmtpClient { Timeout = 10_000 };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, SecureSocketOptions.Auto, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task KeepAsync(SmtpClient client, int sent)
    {
        if (_slots is not null && sent < MessagesPerConnection)
        {
            _idle.Add(new Idle(client, sent, time.GetTimestamp()));
            return;
        }
        await QuitAsync(client);
    }

    /// <summary>What a connection the server closed while idle answers a send with (nothing was taken yet).</summary>
    private static bool ClosedUnderUs(Exception e) =>
        e is ServiceNotConnectedException or IOException or SmtpProtocolException
        || e is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.DisconnectAsync(quit: true, bounded.Token);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or OperationCanceledException or ServiceNotConnectedException)
        {
            // Closing anyway: a server that does not answer QUIT loses nothing.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var idle)) await QuitAsync(idle.Client);
    }
}
