using System.Net;
using System.Net.Http.Json;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

/// <summary>"Remember this device": a second factor passed once skips it on that device, until a password or factor change.</summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class RememberedDeviceTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private const string Header = "X-Remembered-Device";

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private FlowClient NoCookies() => new(factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }));

    private async Task<(string UserId, byte[] Secret)> TotpUserAsync(string prefix)
    {
        var userId = NewId(prefix);
        var secret = TotpSecrets.New();
        await factory.AddUserAsync(userId, "device-Pass-word-1", totpSecret: secret);
        return (userId, secret);
    }

    /// <summary>Password, then TOTP with "remember this device": the issued answer.</summary>
    private async Task<Answer> RememberAsync(FlowClient client, string userId, byte[] secret)
    {
        var challenge = await client.LoginAsync(userId, "device-Pass-word-1");
        challenge.State.Should().Be("OtpChallenge");
        return await client.PostAsync(FlowClient.Id(challenge), "otp", new { code = factory.TotpCode(secret), rememberDevice = true });
    }

    private static async Task<Answer> LoginWithDeviceAsync(FlowClient client, string userId, string? token)
    {
        var flow = FlowClient.Id(await client.StartAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{FlowClient.Base}/{flow}/password")
        {
            Content = JsonContent.Create(new { userId, password = "device-Pass-word-1" }),
        };
        if (token is not null) request.Headers.Add(Header, token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task ARememberedDeviceSkipsTheSecondFactorByCookieOrHeader()
    {
        var (userId, secret) = await TotpUserAsync("remember");
        var browser = new FlowClient(factory.CreateClient()); // keeps cookies, as a browser

        var challenge = await browser.LoginAsync(userId, "device-Pass-word-1");
        challenge.Flow.GetProperty("actions")[0].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("type").GetString())
            .Should().Equal("code", "checkbox");
        var issued = await browser.PostAsync(FlowClient.Id(challenge), "otp", new { code = factory.TotpCode(secret), rememberDevice = true });

        issued.State.Should().Be("Issued");
        var token = issued.Flow.GetProperty("session").GetProperty("rememberedDevice").GetProperty("token").GetString()!;
        var cookie = issued.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lo_device="));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/api/v1/login/flows");
        var again = await browser.LoginAsync(userId, "device-Pass-word-1");
        again.State.Should().Be("Issued", "the cookie names a remembered device");
        again.Strings("factors").Should().Equal("password", "remembered_device");
        again.Strings("reasons").Should().Equal("remembered_device");
        (await LoginWithDeviceAsync(NoCookies(), userId, token)).State.Should().Be("Issued", "the header does as the cookie");
        (await NoCookies().LoginAsync(userId, "device-Pass-word-1")).State.Should().Be("OtpChallenge", "another device is asked");
        var (other, _) = await TotpUserAsync("other");
        (await LoginWithDeviceAsync(NoCookies(), other, token)).State.Should().Be("OtpChallenge", "a device is remembered for its user only");
    }

    [Fact]
    public async Task APasswordChangeForgetsEveryDevice()
    {
        var (userId, secret) = await TotpUserAsync("pwchange");
        var client = NoCookies();
        var issued = await RememberAsync(client, userId, secret);
        var token = issued.Flow.GetProperty("session").GetProperty("rememberedDevice").GetProperty("token").GetString();

        (await client.SendAsync(HttpMethod.Put, "/api/v1/account/password",
            JsonContent.Create(new { currentPassword = "device-Pass-word-1", newPassword = "device-New-word-2" }), issued.Token)).Status.Should().Be(HttpStatusCode.NoContent);
        await factory.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.UserId == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash,
                factory.Services.GetRequiredService<IPasswordHasher>().Hash("device-Pass-word-1")));
            return 0;
        });

        (await LoginWithDeviceAsync(client, userId, token)).State.Should().Be("OtpChallenge", "the password changed since");
    }

    [Fact]
    public async Task DevicesAreListedAndForgottenByTheUserOrAnAdminAndAudited()
    {
        var (userId, secret) = await TotpUserAsync("listed");
        var client = NoCookies();
        var first = await RememberAsync(client, userId, secret);
        var firstToken = first.Flow.GetProperty("session").GetProperty("rememberedDevice").GetProperty("token").GetString();
        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var second = await RememberAsync(client, userId, secret);
        var secondToken = second.Flow.GetProperty("session").GetProperty("rememberedDevice").GetProperty("token").GetString();

        var listed = await client.SendAsync(HttpMethod.Get, "/api/v1/account/devices", null, second.Token);
        listed.Body.GetArrayLength().Should().Be(2);
        listed.Body.ToString().Should().NotContain(firstToken!).And.NotContain(secondToken!);
        var newest = listed.Body[0].GetProperty("id").GetString();
        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/account/devices/{newest}", null, second.Token)).Status.Should().Be(HttpStatusCode.NoContent);
        (await LoginWithDeviceAsync(client, userId, secondToken)).State.Should().Be("OtpChallenge");
        (await LoginWithDeviceAsync(client, userId, firstToken)).State.Should().Be("Issued");

        var admin = await factory.AdminTokenAsync(client);
        var ofUser = await client.SendAsync(HttpMethod.Get, $"/api/v1/admin/users/{userId}/devices", null, admin);
        ofUser.Body.GetArrayLength().Should().Be(1);
        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/admin/users/{userId}/devices/{ofUser.Body[0].GetProperty("id").GetString()}", null, admin))
            .Status.Should().Be(HttpStatusCode.NoContent);
        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/admin/users/{userId}/devices/nope", null, admin)).Code.Should().Be("device_not_found");
        (await LoginWithDeviceAsync(client, userId, firstToken)).State.Should().Be("OtpChallenge");
        var reasons = await factory.WithDbAsync(db => db.LoginAudit.Where(a => a.UserId == userId && a.Outcome == "DeviceForgotten").Select(a => a.Reason).ToListAsync());
        reasons.Should().HaveCount(2).And.Contain("by_user").And.Contain(r => r!.StartsWith("by_admin:"));
    }

    [Fact]
    public async Task AnExpiredDeviceIsAskedAgainAndTheHousekeepingRemovesIt()
    {
        var (userId, secret) = await TotpUserAsync("expired");
        var client = NoCookies();
        var token = (await RememberAsync(client, userId, secret)).Flow.GetProperty("session").GetProperty("rememberedDevice").GetProperty("token").GetString();

        factory.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        (await LoginWithDeviceAsync(client, userId, token)).State.Should().Be("OtpChallenge");
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Hosting.HousekeepingJob>().RunAsync(CancellationToken.None);

        (await factory.WithDbAsync(db => db.RememberedDevices.CountAsync(d => d.NormalizedUserId == userId))).Should().Be(0);
    }

    [Fact]
    public async Task TurnedOffNoDeviceIsOfferedOrHonoured()
    {
        var (userId, secret) = await TotpUserAsync("off");
        var client = NoCookies();
        var token = (await RememberAsync(client, userId, secret)).Flow.GetProperty("session").GetProperty("rememberedDevice").GetProperty("token").GetString();
        await factory.SetSettingAsync("authentication", "remember_device_days", 0);
        try
        {
            var challenge = await LoginWithDeviceAsync(client, userId, token);
            challenge.State.Should().Be("OtpChallenge");
            challenge.Flow.GetProperty("actions")[0].GetProperty("fields").GetArrayLength().Should().Be(1, "no checkbox");
            factory.Clock.Advance(TimeSpan.FromSeconds(31)); // a new TOTP step
            var issued = await client.PostAsync(FlowClient.Id(challenge), "otp", new { code = factory.TotpCode(secret), rememberDevice = true });
            issued.State.Should().Be("Issued", issued.Body.ToString());
            issued.Flow.GetProperty("session").TryGetProperty("rememberedDevice", out _).Should().BeFalse();
        }
        finally
        {
            await factory.SetSettingAsync("authentication", "remember_device_days", 30);
        }
    }

    [Fact]
    public async Task ALoginFromANewUserAgentIsToldToTheProvenEmail()
    {
        var userId = NewId("newdevice");
        var email = $"{userId}@corp.example";
        await factory.AddUserAsync(userId, "device-Pass-word-1", email: email, contactsVerified: true);
        var client = NoCookies();
        async Task<Answer> LoginAs(string agent)
        {
            var flow = FlowClient.Id(await client.StartAsync());
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{FlowClient.Base}/{flow}/password")
            {
                Content = JsonContent.Create(new { userId, password = "device-Pass-word-1" }),
            };
            request.Headers.UserAgent.ParseAdd(agent);
            var answer = await client.SendAsync(request);
            // What counts as seen is the audit of earlier logins, written from each login's outbox just after its answer.
            await factory.EventuallyFromDbAsync(db => db.LoginAudit.AnyAsync(a => a.FlowId == flow), written => written);
            return answer;
        }

        (await LoginAs("DeskApp/1.0 (first)")).State.Should().Be("Issued");
        (await LoginAs("DeskApp/1.0 (first)")).State.Should().Be("Issued");
        (await LoginAs("Phone/2.0 (second)")).State.Should().Be("Issued");

        var mail = await factory.WaitForMailAsync(email);
        mail.Subject.Should().Be("LoginOrchestrator 新设备登录");
        mail.Text.Should().Contain("Phone/2.0 (second)");
        (await factory.Mailbox.MailsToAsync(email)).Should().HaveCount(1, "the first login, and a device seen before, are not new");
    }
}
