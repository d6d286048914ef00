using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>#9: the admin console edits the SMS template with a live preview, and refuses a broken one with its line and column.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminConsoleTests(BrowserFixture browser, BrowserApiFactory factory) : IClassFixture<BrowserApiFactory>
{
    private const string LongTemplate =
        "Your LoginOrchestrator code is {{ code }}. It expires in {{ expire_minutes }} minutes. Never share it, not even with the service desk.";

    private async Task<string> SmsContentAsync(string token)
    {
        using var http = factory.CreateSocketClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var settings = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/settings?namespace=two_factor");
        return settings.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "sms_config")
            .GetProperty("value").GetProperty("content").GetString()!;
    }

    [Fact]
    public async Task AdminEditsTheSmsTemplateSeesThePreviewAndLengthWarningSavesAndABrokenTemplateIsNotSaved()
    {
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/admin/");

        var form = page.Locator("form[data-setting='two_factor.sms_config']");
        var content = form.GetByLabel("content", new() { Exact = true });
        var preview = page.Locator("[id='setting-two_factor.sms_config.content-preview']");
        await content.FillAsync(LongTemplate);
        await Expect(preview).ToContainTextAsync("Your LoginOrchestrator code is 123456. It expires in 5 minutes.");
        await Expect(page.Locator("[id='setting-two_factor.sms_config.content-preview'] ~ [data-preview-warnings] [data-code=sms_multiple_segments]"))
            .ToContainTextAsync("As an SMS this is");
        await Expect(page.Locator("[id='setting-two_factor.sms_config.content-preview'] ~ [data-preview-length]")).ToContainTextAsync("characters");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".save-status .ok")).ToHaveTextAsync("Saved");
        (await SmsContentAsync(token)).Should().Be(LongTemplate);
        await content.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "admin-settings");

        await content.FillAsync("Your code:\n{{ for x in }}");
        await Expect(preview.Locator("[data-code=template_invalid]")).ToContainTextAsync("Line 2, column");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator("[data-errors-for=content] .field-error")).ToContainTextAsync("Not saved: Line 2, column");
        (await SmsContentAsync(token)).Should().Be(LongTemplate, "a template that does not parse is never stored");
        await Screenshots.TakeAsync(page, "admin-template-error");
    }

    /// <summary>#18.1: an admin registers an app in the console and sees its secret this once.</summary>
    [Fact]
    public async Task AdminRegistersAnAppAndSeesItsSecretOnce()
    {
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/admin/?tab=clients");

        await page.GetByLabel("Client ID").FillAsync("console-desk");
        await page.Locator("#client-name").FillAsync("Console desk");
        await page.Locator("#client-redirects").FillAsync("https://desk.corp.example/signin-oidc");
        await page.Locator("input[data-scope=offline_access]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        var secret = page.Locator("code[data-secret=console-desk]");
        await Expect(secret).ToBeVisibleAsync();
        (await secret.TextContentAsync()).Should().HaveLength(43);
        await Expect(page.Locator("tr[data-client=console-desk]")).ToContainTextAsync("confidential");
        await Expect(page.Locator("tr[data-client=console-desk]")).ToContainTextAsync("offline_access");
        await Screenshots.TakeAsync(page, "admin-clients");

        await page.ReloadAsync();
        await Expect(page.Locator("tr[data-client=console-desk]")).ToBeVisibleAsync();
        await Expect(page.Locator("code[data-secret]")).ToHaveCountAsync(0);

        await page.Locator("tr[data-client=console-desk] button", new() { HasText = "Delete" }).ClickAsync();
        await Expect(page.Locator("tr[data-client=console-desk]")).ToHaveCountAsync(0);
    }

    /// <summary>#19.3: an admin opens a user's sessions in the users list and ends one; the audit shows it.</summary>
    [Fact]
    public async Task AdminEndsAUsersSessionFromTheUsersList()
    {
        await factory.AddUserAsync("wujiu", "Desk-Pass-2026");
        var session = (await new FlowClient(factory.CreateSocketClient()).LoginAsync("wujiu", "Desk-Pass-2026")).Token!;
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/admin/?tab=users");

        await page.GetByLabel("Search").FillAsync("wujiu");
        await page.GetByLabel("Search").PressAsync("Enter");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        var row = page.Locator("tr[data-user=wujiu]");
        await row.GetByRole(AriaRole.Button, new() { Name = "Sessions" }).ClickAsync();
        var sessions = row.Locator("[data-sessions-of=wujiu] li");
        await Expect(sessions).ToHaveCountAsync(1);
        await sessions.GetByRole(AriaRole.Button, new() { Name = "End" }).ClickAsync();
        await Expect(row.Locator("[data-result]")).ToHaveTextAsync("—");

        (await new FlowClient(factory.CreateSocketClient()).SendAsync(HttpMethod.Get, "/api/v1/session", null, session))
            .Status.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        await page.Locator("#tab-audit").ClickAsync();
        await page.GetByLabel("User ID").FillAsync("wujiu");
        await page.GetByLabel("User ID").PressAsync("Enter");
        await Expect(page.Locator("#audit-table tbody tr").Filter(new() { HasText = "Revoked" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AdminSendsARecoveryWhoseLinkOpensTheRecoveryPage()
    {
        var email = $"sunqi.{factory.RunId}@corp.example";
        await factory.AddUserAsync("sunqi", "Desk-Pass-2026", email: email, contactsVerified: true);
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/admin/?tab=users");
        await page.GetByLabel("Search").FillAsync("sunqi");
        await page.GetByLabel("Search").PressAsync("Enter");
        // The filtered list (one user) replaces the first page of everyone: act on its row, not the one it replaces.
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        var row = page.Locator("tr[data-user=sunqi]");

        await row.GetByRole(AriaRole.Button, new() { Name = "Send password recovery" }).ClickAsync();

        await Expect(row.Locator("[data-result]")).ToContainTextAsync("A recovery mail was sent");
        // The link's mail and the code's may come in either order.
        string? link = null;
        for (var tries = 0; link is null && tries < 300; tries++, await Task.Delay(100))
            link = (await factory.Mailbox.MailsToAsync(email)).Select(mail => System.Text.RegularExpressions.Regex.Match(mail.Text, @"https?://\S+/recover/\?flow=[A-Za-z0-9_-]+"))
                .FirstOrDefault(m => m.Success)?.Value;
        link.Should().NotBeNull("the recovery's link is mailed");
        var user = await browser.NewPageAsync(factory.Address, "en");
        await user.GotoAsync(link!);
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Enter the code" })).ToBeVisibleAsync();
    }

    /// <summary>Issue 25.3: the Limits tab lists the last hour's refusals by limit and address, and marks a known network's address.</summary>
    [Fact]
    public async Task TheLimitsTabTellsARushFromGuessing()
    {
        await factory.SetSettingAsync("rate_limits", "known_networks", new { networks = new[] { "198.51.100.0/24" } });
        var refusals = factory.Services.GetRequiredService<IRateLimitRefusals>();
        for (var i = 0; i < 3; i++) await refusals.RecordAsync(new RateLimitRefusal(RateLimitKinds.AttemptsPerIp, "198.51.100.20", null), default);
        await refusals.RecordAsync(new RateLimitRefusal(RateLimitKinds.FailuresPerIp, "203.0.113.66", null), default);
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "en", token);

        await page.GotoAsync("/admin/?tab=limits");

        var rush = page.Locator("#refusals-table tr[data-ip='198.51.100.20']");
        await Expect(rush).ToContainTextAsync("Attempts per address per minute");
        await Expect(rush).ToContainTextAsync("known network");
        await Expect(rush.Locator("td").Nth(3)).ToHaveTextAsync("3");
        var guess = page.Locator("#refusals-table tr[data-ip='203.0.113.66']");
        await Expect(guess).ToContainTextAsync("Wrong answers per address per hour");
        await Expect(guess).Not.ToContainTextAsync("known network");
    }

    [Fact]
    public async Task TheDirectoryTabSaysWhenThereIsNoWeComToSync()
    {
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/admin/?tab=directory");

        await Expect(page.Locator("#sync-runs")).ToContainTextAsync("No sync has run yet.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();

        await Expect(page.Locator("[data-code=directory_not_configured]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AdminMakesAMetricsKeySeesItOnceAndItScrapes()
    {
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/admin/?tab=keys");

        await page.GetByLabel("Name").FillAsync("prometheus");
        await page.GetByLabel("metrics:read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var key = await page.Locator("#new-key").TextContentAsync();
        key.Should().StartWith("lok_");
        await Expect(page.Locator("tr[data-key=prometheus]")).ToContainTextAsync("metrics:read");
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        (await factory.CreateSocketClient().SendAsync(scrape)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.Locator("tr[data-key=prometheus]")).ToContainTextAsync("revoked");
    }

    [Fact]
    public async Task TheConsoleOpensTheJobsDashboard()
    {
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/admin/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Background jobs" }).ClickAsync();

        await page.WaitForURLAsync("**/hangfire");
        await Expect(page.Locator("body")).ToContainTextAsync("Hangfire");
    }

    [Fact]
    public async Task AdminFindsUsersAndTheirLoginsInTheAudit()
    {
        await factory.AddUserAsync("zhaoliu", "Desk-Pass-2026");
        await new FlowClient(factory.CreateSocketClient()).LoginAsync("zhaoliu", "Desk-Pass-2026");
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "zh-CN", token);
        await page.GotoAsync("/admin/");

        await page.Locator("#tab-users").ClickAsync();
        await page.GetByLabel("搜索").FillAsync("zhaoliu");
        await page.GetByLabel("搜索").PressAsync("Enter");
        // The filtered list (one user) replaces the first page of everyone: act on its row, not the one it replaces.
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        var row = page.Locator("tr[data-user=zhaoliu]");
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "解锁" }).ClickAsync();
        await Expect(row.Locator("[data-result]")).ToHaveTextAsync("已完成");
        await Screenshots.TakeAsync(page, "admin-users");

        await page.Locator("#tab-audit").ClickAsync();
        await page.GetByLabel("账号").FillAsync("zhaoliu");
        await page.GetByLabel("账号").PressAsync("Enter");
        // The login, and the unlock: an admin event, with who did it.
        await Expect(page.Locator("#audit-table tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#audit-table tbody tr[data-outcome=Issued]")).ToContainTextAsync("登录");
        await Expect(page.Locator("#audit-table tbody tr[data-outcome=UserUnlocked]")).ToContainTextAsync("管理操作");
        await Screenshots.TakeAsync(page, "admin-audit");
    }

    /// <summary>#20.3: the user editor creates a user with a category and a department picked from the synced directory, then edits them.</summary>
    [Fact]
    public async Task AdminCreatesAndEditsAUserInTheEditor()
    {
        await factory.WithDbAsync(async db =>
        {
            foreach (var (id, name) in new[] { (12L, "Service desk"), (13L, "Finance") })
                if (await db.Departments.FindAsync(id) is null)
                    db.Departments.Add(new Stores.Database.DepartmentRecord { Id = id, Name = name, ParentId = 1, SyncedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/admin/?tab=users");

        await page.Locator("#new-user").ClickAsync();
        var editor = page.Locator("#user-editor form");
        await editor.GetByLabel("User ID").FillAsync("qianba");
        await editor.GetByLabel("Name", new() { Exact = true }).FillAsync("钱八");
        await editor.GetByLabel("Role").SelectOptionAsync("ops");
        await editor.GetByLabel("Category").FillAsync("vip");
        await editor.GetByLabel("Service desk").CheckAsync();
        await editor.GetByLabel("Email").FillAsync("qianba@corp.example");
        await editor.GetByLabel("Initial password").FillAsync("Desk-Pass-2026");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(editor).ToHaveCountAsync(0);

        await page.GetByLabel("Search").FillAsync("qianba");
        await page.GetByLabel("Search").PressAsync("Enter");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-departments=qianba]")).ToHaveTextAsync("Service desk");
        await page.Locator("[data-edit=qianba]").ClickAsync();
        await Expect(editor.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("钱八");
        await editor.GetByLabel("Name", new() { Exact = true }).FillAsync("钱八八");
        await editor.GetByLabel("Service desk").UncheckAsync();
        await editor.GetByLabel("Finance").CheckAsync();
        await editor.GetByLabel("Mobile").FillAsync("13800138008");
        await editor.GetByLabel("Disabled").CheckAsync();
        await Screenshots.TakeAsync(page, "admin-user-editor");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(editor).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-departments=qianba]")).ToHaveTextAsync("Finance");

        using var http = factory.CreateSocketClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var user = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/users/qianba");
        (user.GetProperty("name").GetString(), user.GetProperty("role").GetString(), user.GetProperty("category").GetString()).Should().Be(("钱八八", "ops", "vip"));
        user.GetProperty("departments").EnumerateArray().Select(d => d.GetString()).Should().Equal("13");
        (user.GetProperty("mobile").GetString(), user.GetProperty("mobileVerified").GetBoolean(), user.GetProperty("disabled").GetBoolean()).Should().Be(("13800138008", false, true));

        // A refusal lands beside the field it is about, in the server's words.
        await page.Locator("#new-user").ClickAsync();
        await editor.GetByLabel("User ID").FillAsync("qianba");
        await editor.GetByLabel("Name", new() { Exact = true }).FillAsync("Someone else");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(editor.Locator("[data-errors-for=userId]")).ToContainTextAsync("A user with this id exists.");
    }

    /// <summary>#20.2: the audit shows an admin's change with who, from where, and what changed.</summary>
    [Fact]
    public async Task TheAuditShowsWhoChangedWhatFromWhere()
    {
        await factory.AddUserAsync("zhoujiu", "Desk-Pass-2026");
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        using var http = factory.CreateSocketClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var admin = (await http.GetFromJsonAsync<JsonElement>("/api/v1/session")).GetProperty("userId").GetString()!;
        (await http.PatchAsJsonAsync("/api/v1/admin/users/zhoujiu", new { role = "ops" })).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync(factory.Address, "en", token);
        await page.GotoAsync("/admin/?tab=audit");

        await page.GetByLabel("Kind").SelectOptionAsync("admin");
        await page.GetByLabel("Actor").FillAsync(admin);
        await page.GetByLabel("Actor").PressAsync("Enter");

        var row = page.Locator("#audit-table tbody tr[data-outcome=UserUpdated]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Admin action");
        await Expect(row).ToContainTextAsync("user zhoujiu");
        await Expect(row.Locator("[data-change=role]")).ToHaveTextAsync("role: agent → ops");
        await Expect(row.Locator("[data-change]")).ToHaveCountAsync(1, new() { Timeout = 5000 });
        await Expect(row).ToContainTextAsync("127.0.0.1");
        await Screenshots.TakeAsync(page, "admin-audit-events");
    }

    /// <summary>#20.3: settings in the console's language; what "enabled" means; a refusal in Chinese.</summary>
    [Fact]
    public async Task SettingsSpeakChineseAndExplainEnabled()
    {
        var token = await factory.AdminTokenAsync(new FlowClient(factory.CreateSocketClient()));
        var page = await browser.NewPageAsync(factory.Address, "zh-CN", token);
        await page.GotoAsync("/admin/");

        await Expect(page.Locator("#ns-two_factor h2")).ToContainTextAsync("第二步验证");
        await Expect(page.Locator("form[data-setting='two_factor.code_length'] label").First).ToContainTextAsync("验证码位数");
        await Expect(page.Locator("[data-enabled-hint='two_factor.code_length']")).ToContainTextAsync("不启用时使用默认值 6");
        var issuer = page.Locator("form[data-setting='two_factor.otp_issuer']");
        await issuer.Locator("input[type=text]").FillAsync(new string('x', 65));
        await issuer.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(issuer.Locator(".field-error")).ToContainTextAsync("须为 1 到 64 个字符的文本");
        await Screenshots.TakeAsync(page, "admin-settings-zh");
    }
}
