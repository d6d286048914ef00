using System.Net;
using System.Net.Http.Json;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Security.Tests;

/// <summary>
/// Issue 15.12: a password the login would refuse (it answers 400 for a control character) is refused where it is set,
/// so nobody is left with a password that can never be used.
/// </summary>
public sealed class PasswordCharacterTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    public static TheoryData<string> Unusable => new() { "bell\u0007-Pass-long", "tab\t-Pass-long-1", "new\nline-Pass-1", "nul\0-Pass-long-1" };

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task AUserCannotSetAPasswordTheLoginWouldRefuse(string password)
    {
        var userId = $"pwc{Guid.NewGuid():N}"[..12];
        await factory.AddUserAsync(userId, "control-Pass-1");
        var token = (await _client.LoginAsync(userId, "control-Pass-1")).Token!;

        var refused = await _client.SendAsync(HttpMethod.Put, "/api/v1/account/password",
            JsonContent.Create(new { currentPassword = "control-Pass-1", newPassword = password }), token);

        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        refused.Body.GetProperty("errors").TryGetProperty("newPassword", out _).Should().BeTrue();
        (await _client.LoginAsync(userId, "control-Pass-1")).State.Should().Be("Issued", "the old password still works");
    }

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task AnAdminCannotCreateAUserWithSuchAPassword(string password)
    {
        var admin = await factory.AdminTokenAsync(_client);

        var refused = await _client.SendAsync(HttpMethod.Post, "/api/v1/admin/users",
            JsonContent.Create(new { userId = $"pwa{Guid.NewGuid():N}"[..12], name = "Control", role = "agent", password }), admin);

        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        refused.Body.GetProperty("errors").TryGetProperty("password", out _).Should().BeTrue();
    }
}
