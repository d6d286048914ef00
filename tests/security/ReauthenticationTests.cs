using System.Net;
using System.Net.Http.Json;
using System.Web;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Security.Tests;

/// <summary>
/// Issue 15.2: a stolen session does not become lasting control. A first TOTP and a first password need a login within
/// <c>authentication.reauthentication_seconds</c> (300 by default) or the current password in the same request.
/// </summary>
public sealed class ReauthenticationTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private const string Password = "reauth-Pass-1";
    private readonly FlowClient _client = new(factory.CreateClient());

    private Task<Answer> Call(HttpMethod method, string path, string token, object? body = null) =>
        _client.SendAsync(method, path, body is null ? null : JsonContent.Create(body), token);

    private static string CodeFor(LoginApiFactory factory, Answer started) =>
        factory.TotpCode(TotpSecrets.FromBase32(HttpUtility.ParseQueryString(new Uri(started.Body.GetProperty("otpauthUri").GetString()!).Query)["secret"]!));

    /// <summary>Older than the window, yet well inside the idle timeout (1 800 s): the session itself still lives.</summary>
    private void LetTheLoginAge() => factory.Clock.Advance(TimeSpan.FromSeconds(301));

    [Fact]
    public async Task AnAgedSessionCannotEnrolAFirstTotpWithoutTheCurrentPassword()
    {
        await factory.AddUserAsync("reauth1", Password);
        var token = (await _client.LoginAsync("reauth1", Password)).Token!;
        LetTheLoginAge();

        var refused = await Call(HttpMethod.Post, "/api/v1/account/otp", token);
        refused.Status.Should().Be(HttpStatusCode.Forbidden);
        refused.Code.Should().Be("reauthentication_required");
        refused.Body.GetProperty("detail").GetString().Should().Contain("currentPassword");
        (await Call(HttpMethod.Post, "/api/v1/account/otp", token, new { currentPassword = "not-it" })).Code.Should().Be("invalid_credentials");

        var started = await Call(HttpMethod.Post, "/api/v1/account/otp", token, new { currentPassword = Password });
        started.Status.Should().Be(HttpStatusCode.OK);
        var code = CodeFor(factory, started);
        (await Call(HttpMethod.Post, "/api/v1/account/otp/confirm", token, new { code })).Code.Should().Be("reauthentication_required");
        (await Call(HttpMethod.Post, "/api/v1/account/otp/confirm", token, new { code, currentPassword = Password })).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AFreshLoginEnrolsWithNothingMore()
    {
        await factory.AddUserAsync("reauth2", Password);
        var token = (await _client.LoginAsync("reauth2", Password)).Token!;

        var started = await Call(HttpMethod.Post, "/api/v1/account/otp", token);
        started.Status.Should().Be(HttpStatusCode.OK);
        (await Call(HttpMethod.Post, "/api/v1/account/otp/confirm", token, new { code = CodeFor(factory, started) })).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongPasswordsSentAsProofCountTowardsTheLockOut()
    {
        await factory.AddUserAsync("reauth3", Password);
        var token = (await _client.LoginAsync("reauth3", Password)).Token!;
        LetTheLoginAge();

        Answer last = default!;
        for (var i = 0; i < 5; i++) last = await Call(HttpMethod.Post, "/api/v1/account/otp", token, new { currentPassword = $"guess-{i}" });

        last.Status.Should().Be(HttpStatusCode.Locked);
        (await _client.LoginAsync("reauth3", Password)).Status.Should().Be(HttpStatusCode.Locked);
    }

    /// <summary>A WeCom-only user has no password to prove: only a recent login may set their first one.</summary>
    [Fact]
    public async Task AnAgedSessionCannotGiveAPasswordlessUserAFirstPassword()
    {
        await factory.AddUserAsync("reauth4", password: null);
        var aged = await factory.IssueSessionAsync("reauth4");
        LetTheLoginAge();
        var fresh = await factory.IssueSessionAsync("reauth4");

        var refused = await Call(HttpMethod.Put, "/api/v1/account/password", aged, new { newPassword = "thief-Chosen-9" });
        refused.Status.Should().Be(HttpStatusCode.Forbidden);
        refused.Code.Should().Be("reauthentication_required");

        (await Call(HttpMethod.Put, "/api/v1/account/password", fresh, new { newPassword = "owner-Chosen-9" })).Status.Should().Be(HttpStatusCode.NoContent);
        (await _client.LoginAsync("reauth4", "owner-Chosen-9")).State.Should().Be("Issued");
    }
}
