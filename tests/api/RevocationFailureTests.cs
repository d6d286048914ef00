using System.Net.Http.Json;
using System.Net;
using System.Web;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The real Redis session store, whose revocations fail as often as the test says: Redis gone right after a commit.</summary>
public sealed class FailingRevocationsFactory : LoginApiFactory
{
    private int _failuresLeft;

    public void FailNextRevocations(int count) => Volatile.Write(ref _failuresLeft, count);

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<RedisSessionStore>();
            services.AddSingleton<ISessionStore>(sp => new FailingRevocations(sp.GetRequiredService<RedisSessionStore>(), this));
        });

    private sealed class FailingRevocations(ISessionStore inner, FailingRevocationsFactory factory) : ISessionStore
    {
        public Task CreateAsync(SessionRecord session, CancellationToken cancellationToken) => inner.CreateAsync(session, cancellationToken);
        public Task<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken) => inner.FindAsync(tokenHash, cancellationToken);
        public Task TouchAsync(SessionRecord session, DateTimeOffset now, CancellationToken cancellationToken) => inner.TouchAsync(session, now, cancellationToken);
        public Task ChangeAsync(string tokenHash, Func<SessionRecord, SessionRecord> change, CancellationToken cancellationToken) =>
            inner.ChangeAsync(tokenHash, change, cancellationToken);
        public Task RevokeAsync(string tokenHash, CancellationToken cancellationToken) => inner.RevokeAsync(tokenHash, cancellationToken);
        public Task<IReadOnlyList<SessionRecord>> ListUserAsync(string userId, CancellationToken cancellationToken) => inner.ListUserAsync(userId, cancellationToken);

        public Task<int> RevokeUserAsync(string userId, string? keepTokenHash, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref factory._failuresLeft) >= 0
                ? throw new RedisConnectionException(ConnectionFailureType.SocketFailure, "Injected: Redis went away after the commit.")
                : inner.RevokeUserAsync(userId, keepTokenHash, cancellationToken);
    }
}

/// <summary>
/// Issue 16.2: revocation does not depend on a second step succeeding. The change commits with a raised session epoch;
/// a session under the old epoch is refused even when deleting it from Redis failed. Issue 16.3: a TOTP confirmation that
/// fails half-way leaves the enrolment pending and retryable, not TOTP on with no recovery codes.
/// </summary>
public sealed class RevocationFailureTests(FailingRevocationsFactory factory) : IClassFixture<FailingRevocationsFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private Task<Answer> Call(HttpMethod method, string path, string token, object? body = null) =>
        _client.SendAsync(method, path, body is null ? null : JsonContent.Create(body), token);

    [Fact]
    public async Task AUserDisabledWhileTheRevocationFailsLosesTheirSessionsAnyway()
    {
        await factory.AddUserAsync("revokefail1", "revokefail1-Pass-1");
        var token = (await _client.LoginAsync("revokefail1", "revokefail1-Pass-1")).Token!;
        var admin = await factory.AdminTokenAsync(_client);
        (await Call(HttpMethod.Get, "/api/v1/session", token)).Status.Should().Be(HttpStatusCode.OK);

        factory.FailNextRevocations(1);
        var disabled = await Call(HttpMethod.Patch, "/api/v1/admin/users/revokefail1", admin, new { disabled = true });

        disabled.Status.Should().Be(HttpStatusCode.OK, "the change committed; the failed deletion is cleanup");
        (await Call(HttpMethod.Get, "/api/v1/session", token)).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await Call(HttpMethod.Patch, "/api/v1/admin/users/revokefail1", admin, new { disabled = true })).Status.Should().Be(HttpStatusCode.OK);
        (await Call(HttpMethod.Get, "/api/v1/session", token)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task APasswordChangedWhileTheRevocationFailsEndsTheOtherSessionsAnyway()
    {
        await factory.AddUserAsync("revokefail2", "revokefail2-Pass-1");
        var keeper = (await _client.LoginAsync("revokefail2", "revokefail2-Pass-1")).Token!;
        var other = (await _client.LoginAsync("revokefail2", "revokefail2-Pass-1")).Token!;

        factory.FailNextRevocations(1);
        var changed = await Call(HttpMethod.Put, "/api/v1/account/password", keeper,
            new { currentPassword = "revokefail2-Pass-1", newPassword = "another-Secret-77" });

        changed.Status.Should().Be(HttpStatusCode.NoContent);
        (await Call(HttpMethod.Get, "/api/v1/session", other)).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await Call(HttpMethod.Get, "/api/v1/session", keeper)).Status.Should().Be(HttpStatusCode.OK, "the session that made the change lives on");
    }

    [Fact]
    public async Task ATotpConfirmationThatFailsHalfWayLeavesTheEnrolmentPendingAndRetryable()
    {
        await factory.AddUserAsync("halfway", "halfway-Pass-1");
        var token = (await _client.LoginAsync("halfway", "halfway-Pass-1")).Token!;
        var started = await Call(HttpMethod.Post, "/api/v1/account/otp", token);
        var secret = TotpSecrets.FromBase32(HttpUtility.ParseQueryString(new Uri(started.Body.GetProperty("otpauthUri").GetString()!).Query)["secret"]!);

        await using var failing = await RecoveryCodeInsertsFailAsync();
        var failed = await Call(HttpMethod.Post, "/api/v1/account/otp/confirm", token, new { code = factory.TotpCode(secret) });

        failed.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.NormalizedUserId == "halfway"))).TotpEnabled
            .Should().BeFalse("nothing of the confirmation is kept when the recovery codes could not be written");

        await failing.DisposeAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(TotpVerifier.StepSeconds)); // the first code's step was spent
        var confirmed = await Call(HttpMethod.Post, "/api/v1/account/otp/confirm", token, new { code = factory.TotpCode(secret) });

        confirmed.Status.Should().Be(HttpStatusCode.OK);
        confirmed.Body.GetProperty("recoveryCodes").GetArrayLength().Should().Be(10);
        (await factory.WithDbAsync(db => db.RecoveryCodes.CountAsync(c => c.NormalizedUserId == "halfway"))).Should().Be(10);
    }

    /// <summary>A trigger in this test's database refuses recovery-code rows until disposed: a write failing between two.</summary>
    private async Task<IAsyncDisposable> RecoveryCodeInsertsFailAsync()
    {
        await using var connection = new MySqlConnection(factory.DatabaseConnection);
        await connection.OpenAsync();
        await using var create = new MySqlCommand("""
            CREATE TRIGGER recovery_code_fails BEFORE INSERT ON recovery_code FOR EACH ROW
            SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected: the recovery codes cannot be written'
            """, connection);
        await create.ExecuteNonQueryAsync();
        return new DropTrigger(factory.DatabaseConnection);
    }

    private sealed class DropTrigger(string connectionString) : IAsyncDisposable
    {
        private bool _dropped;

        public async ValueTask DisposeAsync()
        {
            if (_dropped) return;
            _dropped = true;
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            await using var drop = new MySqlCommand("DROP TRIGGER IF EXISTS recovery_code_fails", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
