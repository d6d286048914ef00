using System.Collections.Concurrent;
using System.Net;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// Issue 24.2: an instance told to stop (SIGTERM, as systemd and container runtimes do) in the middle of a burst of logins
/// and code requests through the proxy: it takes no new request, finishes those it has, hands its jobs back and exits;
/// the users see no 5xx (the proxy sends new requests to the other instance) and every code arrives once.
/// </summary>
public sealed class GracefulShutdownTests(ProxiedInstances proxied) : IClassFixture<ProxiedInstances>
{
    private const int TotpUsers = 24;
    private const int EmailUsers = 16;

    [Fact]
    public async Task SigtermDuringABurstLosesNoRequestAndSendsEveryCodeOnce()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var users = Enumerable.Range(0, TotpUsers + EmailUsers).Select(i => new BurstUser(
            $"burst-{run}-{i}", $"Burst-Pass-{i}-2026", i < TotpUsers ? TotpSecrets.New() : null,
            i < TotpUsers ? null : $"burst-{run}-{i}@corp.example", $"127.0.1.{i + 1}")).ToList();
        foreach (var user in users) await proxied.AddMemberAsync(user.Id, user.Password, user.TotpSecret, user.Email);
        var answers = new ConcurrentBag<SeenAnswer>();

        // Users arrive over ~2 s; B is told to stop while a third of them are in the middle of their logins.
        var logins = users.Select((user, i) => Task.Run(async () =>
        {
            await Task.Delay(i * 50);
            return await SignInAsync(user, answers);
        })).ToList();
        var bProcess = $":{proxied.B.ProcessId}:";
        HangfireServers().Should().Contain(id => id.Contains(bProcess), "B's job servers are registered while it runs");
        await Task.Delay(700);
        var (took, exitCode) = await proxied.B.TerminateAsync(within: TimeSpan.FromSeconds(40));
        string[] states;
        try
        {
            states = await Task.WhenAll(logins);
        }
        catch (HttpRequestException refused)
        {
            throw new InvalidOperationException($"{refused.Message}\n{proxied.Output}", refused);
        }

        exitCode.Should().Be(0, proxied.B.Output);
        took.Should().BeLessThan(TimeSpan.FromSeconds(35), "in-flight work is bounded by the shutdown timeout");
        answers.Should().NotBeEmpty().And.OnlyContain(a => (int)a.Status < 500, proxied.Output);
        states.Should().OnlyContain(s => s == "Issued", string.Join("\n", answers.Where(a => a.Status != HttpStatusCode.OK && a.Status != HttpStatusCode.Created)));
        var servedByB = (await proxied.Proxy.RequestsAsync()).Count(r => r.Upstream == proxied.B.Address.Authority && r.Path.StartsWith(FlowClient.Base, StringComparison.Ordinal));
        servedByB.Should().BeGreaterThan(0, "B took part in the burst before it stopped");
        HangfireServers().Should().NotContain(id => id.Contains(bProcess), "B signed its job servers off (a killed one stays listed until it times out)");

        // Every code once: a send B had in hand was either finished or handed back, never done twice.
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var user in users.Where(u => u.Email is not null))
            (await MaildevMailbox.CountAllAsync(TestServices.Maildev, user.Email!)).Should().Be(1, $"{user.Email}\n{proxied.Output}");
    }

    /// <summary>The job servers registered on the instances' Hangfire storage.</summary>
    private IEnumerable<string> HangfireServers() =>
        new Hangfire.Redis.StackExchange.RedisStorage(TestServices.Redis, new Hangfire.Redis.StackExchange.RedisStorageOptions { Prefix = $"{{{proxied.RedisPrefix}hangfire}}:" })
            .GetMonitoringApi().Servers().Select(s => s.Name);

    private sealed record BurstUser(string Id, string Password, byte[]? TotpSecret, string? Email, string Address);

    private sealed record SeenAnswer(string User, string Path, HttpStatusCode Status);

    /// <summary>One user's login through the proxy from an address of their own; the final state.</summary>
    private async Task<string> SignInAsync(BurstUser user, ConcurrentBag<SeenAnswer> answers)
    {
        using var http = proxied.Proxy.ClientFrom(user.Address, observer: new AnswerRecorder(user.Id, answers));
        var client = new FlowClient(http);
        var second = await client.PasswordAsync(FlowClient.Id(await client.StartAsync()), user.Id, user.Password);
        if (user.TotpSecret is { } secret)
            return (await client.PostAsync(FlowClient.Id(second), "otp", new { code = new OtpNet.Totp(secret).ComputeTotp() })).State;
        if (second.State != "Captcha") return second.State;
        var mail = await proxied.Factory.WaitForMailAsync(user.Email!);
        return (await client.PostAsync(FlowClient.Id(second), "captcha", new { code = mail.Code })).State;
    }

    /// <summary>Every answer's status, before anything reads its body (a proxy's 502 page is not JSON).</summary>
    private sealed class AnswerRecorder(string user, ConcurrentBag<SeenAnswer> answers) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            answers.Add(new SeenAnswer(user, request.RequestUri!.AbsolutePath, response.StatusCode));
            if ((int)response.StatusCode >= 500) throw new HttpRequestException($"{(int)response.StatusCode} for {user}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return response;
        }
    }
}
