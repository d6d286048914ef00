using System.Net;
using LoginOrchestrator.Stores.Settings;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The service on a MariaDB of this test's own, which the test kills and starts again.</summary>
public sealed class OwnDatabaseFactory(string connectionString) : LoginApiFactory
{
    protected override bool FakeClock => false;

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Database", connectionString);
}

/// <summary>
/// Issue 16.1: while MariaDB is down every answer that needs it is 503 <c>dependency_unavailable</c> with nothing issued
/// (it was 500: EF Core wraps the MySQL error in an InvalidOperationException); the service starts while it is down and
/// recovers by itself.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private MariaDbProcess _database = null!;
    private OwnDatabaseFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _database = await MariaDbProcess.StartAsync();
        _factory = new OwnDatabaseFactory(_database.ConnectionString("lo_outage"));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task WhileMariaDbIsDownEveryAnswerIs503AndNothingIsIssued()
    {
        var client = new FlowClient(_factory.CreateClient());
        await _factory.AddUserAsync("dbdown", "dbdown-Pass-1");
        var user = (await client.LoginAsync("dbdown", "dbdown-Pass-1")).Token!;
        var admin = await _factory.AdminTokenAsync(client);
        var flowId = FlowClient.Id(await client.StartAsync());

        await _database.KillAsync();
        // As after the settings cache's 30 s: the next request reads the settings from the database.
        _factory.Services.GetRequiredService<SettingsCache>().Invalidate();

        var answers = new Dictionary<string, Answer>
        {
            ["password step"] = await client.PasswordAsync(flowId, "dbdown", "dbdown-Pass-1"),
            ["new flow"] = await client.StartAsync(),
            ["account"] = await client.SendAsync(HttpMethod.Get, "/api/v1/account", null, user),
            ["admin users"] = await client.SendAsync(HttpMethod.Get, "/api/v1/admin/users", null, admin),
            ["admin settings"] = await client.SendAsync(HttpMethod.Get, "/api/v1/admin/settings", null, admin),
        };

        foreach (var (what, answer) in answers)
        {
            answer.Status.Should().Be(HttpStatusCode.ServiceUnavailable, what);
            answer.Code.Should().Be("dependency_unavailable", what);
            answer.Token.Should().BeNull(what);
        }
        (await client.Http.GetAsync("/healthz/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        await _database.StartAgainAsync();
        await Eventually.ReadyAsync(client.Http, TimeSpan.FromSeconds(30));
        (await client.LoginAsync("dbdown", "dbdown-Pass-1")).State.Should().Be("Issued");
    }

    [Fact]
    public async Task TheServiceStartsWhileMariaDbIsDownAndPreparesItOnceItIsBack()
    {
        await _database.KillAsync();

        var client = new FlowClient(_factory.CreateClient());

        (await client.Http.GetAsync("/healthz/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.Http.GetAsync("/healthz/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var meanwhile = await client.StartAsync(); // a flow needs the settings, which live in the database
        meanwhile.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        meanwhile.Code.Should().Be("dependency_unavailable");

        await _database.StartAgainAsync();
        await Eventually.ReadyAsync(client.Http, TimeSpan.FromSeconds(30));
        (await client.LoginAsync(LoginApiFactory.AdminUserId, LoginApiFactory.AdminPassword)).State.Should().Be("Issued",
            "the migrations ran and the bootstrap admin was created once the database came back");
    }
}
