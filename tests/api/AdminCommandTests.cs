using System.Net;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>#8: the operator's command line, against the same database and Redis as the running service.</summary>
public sealed class AdminCommandTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private Task<AdminCommandProcess.Result> RunAsync(string? stdin, params string[] args) =>
        AdminCommandProcess.RunAsync(factory.SharedSettings, Path.Combine(factory.DataDirectory, "cli"), stdin, args);

    [Fact]
    public async Task OperatorCreatesAnAdminResetsAPasswordAndUnlocks()
    {
        _ = factory.Server; // the service is up and has migrated the database

        var created = await RunAsync("cli-Passphrase-42", "create-admin", "cliboss", "运维");
        created.ExitCode.Should().Be(0, created.Output);
        created.Output.Should().NotContain("cli-Passphrase-42");
        var session = await _client.LoginAsync("cliboss", "cli-Passphrase-42");
        session.State.Should().Be("Issued");
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, session.Token)).Body
            .GetProperty("roles")[0].GetString().Should().Be("admin");

        for (var i = 0; i < 5; i++) await _client.LoginAsync("cliboss", "wrong-password");
        (await _client.LoginAsync("cliboss", "cli-Passphrase-42")).Status.Should().Be(HttpStatusCode.Locked);
        (await RunAsync(null, "unlock", "cliboss")).ExitCode.Should().Be(0);
        (await _client.LoginAsync("cliboss", "cli-Passphrase-42")).State.Should().Be("Issued");

        var reset = await RunAsync("new-cli-Passphrase-7", "reset-password", "cliboss");
        reset.ExitCode.Should().Be(0, reset.Output);
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, session.Token)).Status.Should().Be(HttpStatusCode.Unauthorized, "a reset ends every session");
        (await _client.LoginAsync("cliboss", "new-cli-Passphrase-7")).State.Should().Be("Issued");
    }

    [Fact]
    public async Task RefusalsAndMistakesSayWhyWithTheirOwnExitCodes()
    {
        _ = factory.Server;

        var weak = await RunAsync("password123", "create-admin", "weakling");
        weak.ExitCode.Should().Be(1);
        weak.Output.Should().Contain("too common");
        (await RunAsync(null, "unlock", "no-such-user")).ExitCode.Should().Be(1);
        var usage = await RunAsync(null, "make-coffee");
        usage.ExitCode.Should().Be(2);
        usage.Output.Should().Contain("usage:");
    }
}
