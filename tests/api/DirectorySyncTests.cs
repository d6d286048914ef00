using System.Net;
using LoginOrchestrator.Api.Sync;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The directory sync against the WeCom simulator over HTTP: adds, updates, disables, and refuses to act on a bad read.</summary>
public sealed class DirectorySyncTests : IAsyncLifetime
{
    private WeComSimulatorHost _sim = null!;
    private WeComLoginApiFactory _factory = null!;
    private FlowClient _client = null!;

    public async Task InitializeAsync()
    {
        _sim = await WeComSimulatorHost.StartAsync(
        [
            new { userid = "zhangsan", name = "张三", department = new[] { 1, 2 }, status = 1, email = "zhangsan@corp.example" },
            new { userid = "lisi", name = "李四", department = new[] { 2 }, status = 1, email = "lisi@corp.example" },
            new { userid = "wangwu", name = "王五", department = new[] { 3 }, status = 2 },
        ]);
        await _sim.PutDepartmentAsync(2, "客服部");
        _factory = new WeComLoginApiFactory(_sim.Url);
        _client = new FlowClient(_factory.CreateClient());
        // The tests run each sync themselves: the every-5-minutes check would otherwise sync (and add these members)
        // whenever a test crosses a 5-minute mark of the wall clock.
        await _factory.SetSettingAsync("directory", "sync_interval_minutes", 0);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _sim.DisposeAsync();
    }

    private async Task<DirectorySyncRunDto> SyncAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return DirectorySyncRunDto.Of(await scope.ServiceProvider.GetRequiredService<DirectorySync>().RunAsync("test", CancellationToken.None));
    }

    /// <summary>A user WeCom knew, as an earlier login or sync would have left them.</summary>
    private async Task AddDirectoryUserAsync(string userId, string password = "member-Pass-word-1", string name = "old name")
    {
        await _factory.AddUserAsync(userId, password);
        await _factory.WithDbAsync(db => db.Users.Where(u => u.UserId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.FromDirectory, true).SetProperty(x => x.Name, name)));
    }

    private Task<SyncedUserView?> UserAsync(string userId) =>
        _factory.WithDbAsync(db => db.Users.Where(u => u.NormalizedUserId == userId)
            .Select(u => new SyncedUserView(u.Name, u.Role, u.Disabled, u.Departments, u.PasswordHash != null, u.FromDirectory)).SingleOrDefaultAsync());

    [Fact]
    public async Task ASyncAddsUpdatesAndDisablesAndTheDepartedSessionDiesAtOnce()
    {
        await _factory.SetSettingAsync("directory", "max_disable_percent", 100);
        await AddDirectoryUserAsync("zhangsan");
        await AddDirectoryUserAsync("gone", "gone-Pass-word-1");
        await _factory.AddUserAsync("localone", "local-Pass-word-1");
        var goneSession = (await _client.LoginAsync("gone", "gone-Pass-word-1")).Token;
        goneSession.Should().BeNull("WeCom does not know gone: the login already refuses them");
        var session = await _factory.IssueSessionAsync("gone");

        var run = await SyncAsync();

        run.Outcome.Should().Be("completed", run.Detail);
        (run.Members, run.Added, run.Disabled).Should().Be((3, 1, 1));
        (await UserAsync("zhangsan"))!.Should().Be(new SyncedUserView("张三", "agent", false, "1,2", true, true));
        (await UserAsync("lisi"))!.Should().Be(new SyncedUserView("李四", "agent", false, "2", false, true), "a new member: an agent without a local password");
        (await UserAsync("wangwu")).Should().BeNull("a member not active is not provisioned");
        (await UserAsync("gone"))!.Disabled.Should().BeTrue();
        (await UserAsync("localone"))!.Disabled.Should().BeFalse("a local account is not the directory's");
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, session)).Status.Should().Be(HttpStatusCode.Unauthorized);
        var departments = await _factory.WithDbAsync(db => db.Departments.OrderBy(d => d.Id).Select(d => d.Name).ToListAsync());
        departments.Should().Contain("客服部");

        await _sim.FailAsync(endpoint: "user/get", down: true);
        (await _client.LoginAsync("gone", "gone-Pass-word-1")).Code.Should().Be("invalid_credentials", "disabled by the sync, refused while WeCom is down too");
        await _sim.HealAsync();
    }

    [Fact]
    public async Task AnEmptyOrFailingReadChangesNothing()
    {
        await AddDirectoryUserAsync("zhangsan");
        await AddDirectoryUserAsync("lisi");

        await _sim.FailAsync(endpoint: "user/list", errcode: 60011);
        (await SyncAsync()).Outcome.Should().Be("failed");
        await _sim.FailAsync(endpoint: "department/list", down: true);
        (await SyncAsync()).Outcome.Should().Be("failed");
        await _sim.HealAsync();
        foreach (var member in new[] { "zhangsan", "lisi", "wangwu" }) await _sim.RemoveUserAsync(member);
        var empty = await SyncAsync();

        empty.Outcome.Should().Be("refused");
        empty.Detail.Should().Contain("no member");
        (await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.Disabled))).Should().Be(0);
        (await UserAsync("zhangsan"))!.Name.Should().Be("old name", "a failed read updates nothing either");
    }

    [Fact]
    public async Task ASyncThatWouldDisableTooManyChangesNothing()
    {
        await AddDirectoryUserAsync("zhangsan");
        await AddDirectoryUserAsync("lisi");
        for (var i = 0; i < 8; i++) await AddDirectoryUserAsync($"left{i}");

        var run = await SyncAsync(); // 8 of 10 would go: more than the default 10 %

        run.Outcome.Should().Be("refused");
        run.Detail.Should().Contain("8 of 10");
        (await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.Disabled))).Should().Be(0);
    }

    [Fact]
    public async Task AnAdminStartsASyncAndReadsItsRun()
    {
        await _factory.AddUserAsync("admin-sync", "admin-Pass-word-1", Orchestrator.Policy.Roles.Admin);
        var admin = await _factory.IssueSessionAsync("admin-sync", Orchestrator.Policy.Roles.Admin); // not a WeCom member: no login here

        (await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/directory/sync", null, admin)).Status.Should().Be(HttpStatusCode.Accepted);

        Answer runs = default!;
        for (var tries = 0; tries < 100; tries++, await Task.Delay(100))
        {
            runs = await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/directory/sync", null, admin);
            if (runs.Body.GetArrayLength() > 0 && runs.Body[0].GetProperty("outcome").GetString() != "running") break;
        }
        runs.Body[0].GetProperty("outcome").GetString().Should().Be("completed");
        runs.Body[0].GetProperty("triggeredBy").GetString().Should().StartWith("admin:admin-");
        var departments = await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/directory/departments", null, admin);
        departments.Body.EnumerateArray().Select(d => d.GetProperty("name").GetString()).Should().Contain("客服部");
    }

    [Fact]
    public async Task AMemberWhoComesBackIsEnabledAgainButNotOneAnAdminDisabled()
    {
        await _factory.SetSettingAsync("directory", "max_disable_percent", 100);
        await AddDirectoryUserAsync("zhangsan");
        await AddDirectoryUserAsync("lisi");
        await _sim.RemoveUserAsync("zhangsan");
        (await SyncAsync()).Disabled.Should().Be(1);
        (await UserAsync("zhangsan"))!.Disabled.Should().BeTrue();
        await _factory.AddUserAsync("admin-back", "admin-Pass-word-1", Orchestrator.Policy.Roles.Admin);
        var admin = await _factory.IssueSessionAsync("admin-back", Orchestrator.Policy.Roles.Admin);
        // lisi is disabled by an admin, not by the directory: the sync must leave that alone.
        (await _client.SendAsync(HttpMethod.Patch, "/api/v1/admin/users/lisi", System.Net.Http.Json.JsonContent.Create(new { disabled = true }), admin))
            .Status.Should().Be(HttpStatusCode.OK);

        await _sim.PutUserAsync("zhangsan", "张三", 1, [1]);
        var run = await SyncAsync();

        run.Outcome.Should().Be("completed", run.Detail);
        (await UserAsync("zhangsan"))!.Disabled.Should().BeFalse("the sync disabled zhangsan when they left; back and active, they are enabled");
        (await UserAsync("lisi"))!.Disabled.Should().BeTrue("an admin's disable is the admin's");
        (await _client.LoginAsync("zhangsan", "member-Pass-word-1")).Token.Should().NotBeNull();
    }

    [Fact]
    public async Task EverySyncAndEveryUserItDisablesIsInTheAudit()
    {
        await _factory.SetSettingAsync("directory", "max_disable_percent", 100);
        await AddDirectoryUserAsync("zhangsan");
        await AddDirectoryUserAsync("gone");
        await _factory.AddUserAsync("admin-audit", "admin-Pass-word-1", Orchestrator.Policy.Roles.Admin);
        var admin = await _factory.IssueSessionAsync("admin-audit", Orchestrator.Policy.Roles.Admin);

        var run = await SyncAsync();
        await _sim.FailAsync(endpoint: "user/list", errcode: 60011);
        var failed = await SyncAsync();
        await _sim.HealAsync();

        var synced = (await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?kind=admin&outcome=DirectorySynced", null, admin)).Body.GetProperty("items");
        synced.GetArrayLength().Should().Be(2);
        synced[0].GetProperty("target").GetProperty("id").GetString().Should().Be(failed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        synced[0].GetProperty("reason").GetString().Should().Be("failed");
        synced[1].GetProperty("actor").GetString().Should().Be("system", "a run nobody started is the system's");
        var counts = synced[1].GetProperty("after");
        (counts.GetProperty("added").GetInt32(), counts.GetProperty("disabled").GetInt32(), counts.GetProperty("members").GetInt32())
            .Should().Be((run.Added, 1, 3));
        var gone = (await _client.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?userId=gone&outcome=UserUpdated", null, admin)).Body.GetProperty("items");
        gone.GetArrayLength().Should().Be(1);
        gone[0].GetProperty("reason").GetString().Should().Be("left_directory");
        gone[0].GetProperty("before").GetProperty("disabled").GetBoolean().Should().BeFalse();
        gone[0].GetProperty("after").GetProperty("disabled").GetBoolean().Should().BeTrue();
    }
}

/// <summary>What the sync tests compare of a user.</summary>
public sealed record SyncedUserView(string Name, string Role, bool Disabled, string Departments, bool HasPassword, bool FromDirectory);
