using System.Net;
using System.Net.Http.Json;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Tests;

/// <summary>Account notices: sent by jobs from the settings' templates, in the user's language, never with a secret.</summary>
public sealed class NoticeTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task AChangedPasswordIsToldToTheProvenEmail()
    {
        var userId = NewId("told");
        var email = $"{userId}@corp.example";
        await factory.AddUserAsync(userId, "told-Pass-word-1", email: email, contactsVerified: true);
        var token = (await _client.LoginAsync(userId, "told-Pass-word-1")).Token;

        var changed = await _client.SendAsync(HttpMethod.Put, "/api/v1/account/password",
            JsonContent.Create(new { currentPassword = "told-Pass-word-1", newPassword = "told-New-word-2" }), token);

        changed.Status.Should().Be(HttpStatusCode.NoContent);
        var mail = await factory.WaitForMailAsync(email);
        mail.Subject.Should().Be("LoginOrchestrator 密码已更改");
        mail.Text.Should().Contain(userId).And.NotContain("told-New-word-2");
        mail.Html.Should().Contain(userId);
    }

    [Fact]
    public async Task ALockedAccountIsToldInItsOwnLanguage()
    {
        var userId = NewId("locked");
        var email = $"{userId}@corp.example";
        var user = await factory.AddUserAsync(userId, "locked-Pass-word-1", email: email, contactsVerified: true);
        await factory.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, "en"));
            return 0;
        });

        for (var i = 0; i < 5; i++) await _client.LoginAsync(userId, "not-the-Pass-1");

        var mail = await factory.WaitForMailAsync(email);
        mail.Subject.Should().Be("Your LoginOrchestrator account is locked for now");
        mail.Text.Should().NotContain("not-the-Pass-1");
    }

    [Fact]
    public async Task AnUnprovenAddressIsNeverTold()
    {
        var userId = NewId("unproven");
        var email = $"{userId}@corp.example";
        await factory.AddUserAsync(userId, "unproven-Pass-word-1", email: email);
        for (var i = 0; i < 5; i++) await _client.LoginAsync(userId, "not-the-Pass-1");
        var provenId = NewId("proven");
        await factory.AddUserAsync(provenId, "proven-Pass-word-1", email: $"{provenId}@corp.example", contactsVerified: true);
        for (var i = 0; i < 5; i++) await _client.LoginAsync(provenId, "not-the-Pass-1");

        await factory.WaitForMailAsync($"{provenId}@corp.example"); // the jobs have run, in order

        (await factory.Mailbox.MailsToAsync(email)).Should().BeEmpty("an address nobody proved may be anyone's");
    }

    [Fact]
    public async Task ANoticeTemplatePreviewsWithTheNoticeVariables()
    {
        var admin = await factory.AdminTokenAsync(_client);

        var preview = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/templates/preview",
            JsonContent.Create(new { template = "{{ user_name }} · {{ link }} · {{ ip }}", notice = true, sample = new { ip = "198.51.100.9" } }), admin);
        var withCode = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/templates/preview",
            JsonContent.Create(new { template = "{{ code }}", notice = true }), admin);

        preview.Status.Should().Be(HttpStatusCode.OK, preview.Body.ToString());
        preview.Body.GetProperty("output").GetString().Should().Be("张三 · https://login.example.com/recover/?flow=sample · 198.51.100.9");
        withCode.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        withCode.Code.Should().Be("template_invalid");
    }
}
