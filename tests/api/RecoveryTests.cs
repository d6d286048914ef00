using System.Net;
using System.Text.Json;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// A forgotten password recovered through its own flow, on MariaDB + Redis + maildev (and on the embedded defaults):
/// a code to a proven contact, TOTP for accounts that have it, the new password ending every session.
/// </summary>
public abstract class RecoveryTests(LoginApiFactory factory) : IAsyncLifetime
{
    private readonly FlowClient _recovery = new(factory.CreateClient(), FlowClient.RecoveryBase);
    private readonly FlowClient _login = new(factory.CreateClient());

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => factory.SetSettingAsync("recovery", "enabled", true);

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>A new recovery, identified: the answer of the identify step.</summary>
    private async Task<Answer> IdentifyAsync(string userId)
    {
        var started = await _recovery.StartAsync();
        started.Status.Should().Be(HttpStatusCode.Created, started.Body.ToString());
        return await _recovery.PostAsync(FlowClient.Id(started), "identify", new { userId });
    }

    [Fact]
    public async Task AForgottenPasswordIsRecoveredByAMailedCodeAndEverySessionEnds()
    {
        var userId = NewId("forgot");
        var email = $"{userId}@corp.example";
        await factory.AddUserAsync(userId, "old-Pass-word-1", email: email, contactsVerified: true);
        var oldSession = await factory.IssueSessionAsync(userId);

        var started = await _recovery.StartAsync();
        started.State.Should().Be("Identify");
        started.Actions.Should().Equal("submitIdentifier");
        var verify = await _recovery.PostAsync(FlowClient.Id(started), "identify", new { userId });
        verify.Status.Should().Be(HttpStatusCode.OK, verify.Body.ToString());
        verify.State.Should().Be("Verify");
        verify.Actions.Should().Equal("submitCode");
        verify.Flow.GetProperty("messages")[0].GetProperty("code").GetString().Should().Be("recovery_code_sent");

        var mail = await factory.WaitForMailAsync(email);
        var setPassword = await _recovery.PostAsync(FlowClient.Id(verify), "code", new { code = mail.Code });
        setPassword.State.Should().Be("SetPassword", setPassword.Body.ToString());
        setPassword.Actions.Should().Equal("submitNewPassword");

        var done = await _recovery.PostAsync(FlowClient.Id(verify), "password", new { password = "new-Pass-word-2" });

        done.State.Should().Be("Done", done.Body.ToString());
        done.Actions.Should().BeEmpty();
        done.Flow.GetProperty("messages")[0].GetProperty("code").GetString().Should().Be("password_changed");
        (await _login.SendAsync(HttpMethod.Get, "/api/v1/session", null, oldSession)).Status.Should().Be(HttpStatusCode.Unauthorized, "every session ended");
        (await _login.LoginAsync(userId, "new-Pass-word-2")).State.Should().Be("Issued");
        (await _login.LoginAsync(userId, "old-Pass-word-1")).Code.Should().Be("invalid_credentials");
        var notice = await WaitForMailWithAsync(email, "密码已于");
        notice.Subject.Should().Be("LoginOrchestrator 密码已更改");
        notice.Text.Should().Contain(userId).And.NotContain("new-Pass-word-2").And.NotContain(mail.Code);
        var audit = await factory.WithDbAsync(db => db.LoginAudit.Where(a => a.FlowId == FlowClient.Id(verify)).Select(a => a.Outcome).ToListAsync());
        audit.Should().Equal("RecoveryDone");
    }

    [Fact]
    public async Task UnknownDisabledAndContactlessUsersGetExactlyTheAnswerAKnownUserGets()
    {
        var known = NewId("known");
        await factory.AddUserAsync(known, "known-Pass-word-1", email: $"{known}@corp.example", contactsVerified: true);
        var disabled = NewId("disabled");
        await factory.AddUserAsync(disabled, "disabled-Pass-word-1", email: $"{disabled}@corp.example", contactsVerified: true, disabled: true);
        var contactless = NewId("contactless");
        await factory.AddUserAsync(contactless, "contactless-Pass-1");
        var unproven = NewId("unproven");
        await factory.AddUserAsync(unproven, "unproven-Pass-1", email: $"{unproven}@corp.example");
        string[] userIds = [known, NewId("nobody"), disabled, contactless, unproven];

        var identified = new List<Answer>();
        foreach (var userId in userIds) identified.Add(await IdentifyAsync(userId));
        var wrong = new List<Answer>();
        foreach (var answer in identified) wrong.Add(await _recovery.PostAsync(FlowClient.Id(answer), "code", new { code = "000000" }));

        foreach (var (answer, userId) in identified.Zip(userIds))
        {
            answer.Status.Should().Be(identified[0].Status, userId);
            Comparable(answer.Body).Should().Be(Comparable(identified[0].Body), "{0} is answered like a known user", userId);
            answer.Body.ToString().Should().NotContain(userId).And.NotContain("@");
        }
        foreach (var answer in wrong)
        {
            answer.Status.Should().Be(HttpStatusCode.Unauthorized);
            Comparable(answer.Body).Should().Be(Comparable(wrong[0].Body));
        }
        await factory.WaitForMailAsync($"{known}@corp.example");
        (await factory.Mailbox.MailsToAsync($"{disabled}@corp.example")).Should().BeEmpty("a disabled account gets no code");
        (await factory.Mailbox.MailsToAsync($"{unproven}@corp.example")).Should().BeEmpty("an address nobody proved gets no code");
    }

    /// <summary>The answer without what differs between any two flows (their id, their times) or requests (the trace id).</summary>
    private static string Comparable(JsonElement body)
    {
        var text = body.ToString();
        foreach (var flowId in new[] { body.TryGetProperty("flow", out var f) ? f : body }.Select(e => e.GetProperty("id").GetString()!))
            text = text.Replace(flowId, "<id>");
        text = System.Text.RegularExpressions.Regex.Replace(text, "\"traceId\":\"[^\"]+\"", "\"traceId\":\"<trace>\"");
        return System.Text.RegularExpressions.Regex.Replace(text, "\"\\d{4}-\\d{2}-\\d{2}T[^\"]+\"", "\"<time>\"");
    }

    [Fact]
    public async Task AnAccountWithTotpNeedsItsSecondFactorToo()
    {
        var userId = NewId("totp");
        var email = $"{userId}@corp.example";
        var secret = TotpSecrets.New();
        await factory.AddUserAsync(userId, "totp-Pass-word-1", email: email, totpSecret: secret, contactsVerified: true);
        await factory.AddRecoveryCodeAsync(userId, "abcd-efgh-ijkl");
        var verify = await IdentifyAsync(userId);
        var flowId = FlowClient.Id(verify);

        var second = await _recovery.PostAsync(flowId, "code", new { code = (await factory.WaitForMailAsync(email)).Code });
        second.State.Should().Be("SecondFactor", second.Body.ToString());
        second.Actions.Should().Equal("submitOtp", "submitRecoveryCode");
        var wrongOtp = await _recovery.PostAsync(flowId, "otp", new { code = "000000" == factory.TotpCode(secret) ? "111111" : "000000" });
        wrongOtp.Code.Should().Be("code_invalid");
        wrongOtp.State.Should().Be("SecondFactor");

        var setPassword = await _recovery.PostAsync(flowId, "recovery-code", new { code = "abcd-efgh-ijkl" });

        setPassword.State.Should().Be("SetPassword", setPassword.Body.ToString());
        (await _recovery.PostAsync(flowId, "password", new { password = "totp-New-word-2" })).State.Should().Be("Done");
    }

    [Fact]
    public async Task AWeakNewPasswordIsNamedAndNotCounted()
    {
        var userId = NewId("weak");
        var email = $"{userId}@corp.example";
        await factory.AddUserAsync(userId, "weak-Pass-word-1", email: email, contactsVerified: true);
        var verify = await IdentifyAsync(userId);
        var flowId = FlowClient.Id(verify);
        await _recovery.PostAsync(flowId, "code", new { code = (await factory.WaitForMailAsync(email)).Code });

        var weak = await _recovery.PostAsync(flowId, "password", new { password = "short" });

        weak.Status.Should().Be(HttpStatusCode.BadRequest);
        weak.Code.Should().Be("invalid_request");
        weak.Body.GetProperty("errors").GetProperty("password")[0].GetString().Should().Contain("8");
        weak.State.Should().Be("SetPassword");
        weak.AttemptsRemaining.Should().Be(5);
    }

    [Fact]
    public async Task AResendWaitsOutItsCooldownAndKillsTheFirstCode()
    {
        var userId = NewId("resend");
        var email = $"{userId}@corp.example";
        await factory.AddUserAsync(userId, "resend-Pass-word-1", email: email, contactsVerified: true);
        var verify = await IdentifyAsync(userId);
        var flowId = FlowClient.Id(verify);
        var first = (await factory.WaitForMailAsync(email)).Code;

        var early = await _recovery.PostAsync(flowId, "code/resend");
        early.Status.Should().Be(HttpStatusCode.TooManyRequests);
        early.Body.GetProperty("retryAfter").GetInt32().Should().BeInRange(1, 60);

        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        (await _recovery.PostAsync(flowId, "code/resend")).State.Should().Be("Verify");
        await factory.WaitForMailAsync(email, count: 2);
        // Both mails may carry the same second: the new code is the one that is not the first (or the same, by chance).
        var second = (await factory.Mailbox.MailsToAsync(email)).Select(m => m.Code).FirstOrDefault(c => c != first) ?? first;

        if (first != second) (await _recovery.PostAsync(flowId, "code", new { code = first })).Code.Should().Be("code_invalid");
        (await _recovery.PostAsync(flowId, "code", new { code = second })).State.Should().Be("SetPassword");
    }

    [Fact]
    public async Task WrongCodesLockTheFlowAndATimedOutOneExpires()
    {
        var locked = await IdentifyAsync(NewId("nobody"));
        Answer last = locked;
        for (var i = 0; i < 5; i++) last = await _recovery.PostAsync(FlowClient.Id(locked), "code", new { code = "000000" });
        last.Status.Should().Be((HttpStatusCode)423);
        last.State.Should().Be("Locked");

        var expiring = await IdentifyAsync(NewId("nobody"));
        factory.Clock.Advance(TimeSpan.FromSeconds(901));
        var expired = await _recovery.GetAsync(FlowClient.Id(expiring));
        expired.Status.Should().Be(HttpStatusCode.Gone);
        expired.State.Should().Be("Expired");
        var audit = await factory.WithDbAsync(db => db.LoginAudit.Where(a => a.FlowId == FlowClient.Id(expiring)).Select(a => a.Outcome).ToListAsync());
        audit.Should().Equal("RecoveryExpired");
    }

    [Fact]
    public async Task TurnedOffInTheSettingsNoRecoveryStarts()
    {
        await factory.SetSettingAsync("recovery", "enabled", false);

        var refused = await _recovery.StartAsync();

        refused.Status.Should().Be(HttpStatusCode.Forbidden);
        refused.Code.Should().Be("recovery_disabled");
        (await _recovery.SendAsync(HttpMethod.Get, "/api/v1/recovery", null)).Body.GetProperty("enabled").GetBoolean().Should().BeFalse();
        await factory.SetSettingAsync("recovery", "enabled", true);
        (await _recovery.SendAsync(HttpMethod.Get, "/api/v1/recovery", null)).Body.GetProperty("enabled").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task AnAdminSendsARecoveryLinkThatContinuesTheFlow()
    {
        var userId = NewId("adminsent");
        var email = $"{userId}@corp.example";
        await factory.AddUserAsync(userId, "adminsent-Pass-1", email: email, contactsVerified: true);
        var unproven = NewId("unproven");
        await factory.AddUserAsync(unproven, "unproven-Pass-1", email: $"{unproven}@corp.example");
        var admin = await factory.AdminTokenAsync(_login);

        (await _login.SendAsync(HttpMethod.Post, $"/api/v1/admin/users/{unproven}/recovery", null, admin)).Code.Should().Be("contact_unproven");
        (await _login.SendAsync(HttpMethod.Post, "/api/v1/admin/users/nobody-here/recovery", null, admin)).Status.Should().Be(HttpStatusCode.NotFound);
        var sent = await _login.SendAsync(HttpMethod.Post, $"/api/v1/admin/users/{userId}/recovery", null, admin);
        sent.Status.Should().Be(HttpStatusCode.Accepted, sent.Body.ToString());

        var link = await WaitForMailWithAsync(email, "/recover/?flow=");
        var flowId = System.Text.RegularExpressions.Regex.Match(link.Text, @"/recover/\?flow=([A-Za-z0-9_-]+)").Groups[1].Value;
        var code = (await WaitForMailWithAsync(email, "验证码为")).Code;
        (await _recovery.GetAsync(flowId)).State.Should().Be("Verify");
        (await _recovery.PostAsync(flowId, "code", new { code })).State.Should().Be("SetPassword");
        (await _recovery.PostAsync(flowId, "password", new { password = "adminsent-New-2" })).State.Should().Be("Done");
        var reason = await factory.WithDbAsync(db => db.LoginAudit.Where(a => a.FlowId == flowId).Select(a => a.Reason).SingleAsync());
        reason.Should().StartWith("by_admin:admin-");
    }

    /// <summary>The mail to the address that holds <paramref name="text"/>, in whatever order the mailbox lists them.</summary>
    private async Task<ReceivedMail> WaitForMailWithAsync(string address, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if ((await factory.Mailbox.MailsToAsync(address)).FirstOrDefault(m => m.Text.Contains(text, StringComparison.Ordinal)) is { } mail) return mail;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail to {address} holds \"{text}\".");
    }
}

[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class RecoveryOnServicesTests(LoginApiFactory factory) : RecoveryTests(factory), IClassFixture<LoginApiFactory>;

public sealed class RecoveryEmbeddedTests(EmbeddedLoginApiFactory factory) : RecoveryTests(factory), IClassFixture<EmbeddedLoginApiFactory>;
