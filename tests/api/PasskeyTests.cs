using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// #23: passkeys registered on the account, then used as the second factor and passwordless, against a software
/// authenticator written from the WebAuthn spec; what must be refused (a cloned authenticator, a stale challenge, no
/// user verification, another flow's assertion) is.
/// </summary>
public sealed class PasskeyTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private Task<Answer> Call(HttpMethod method, string path, string token, object? body = null) =>
        _client.SendAsync(method, path, body is null ? null : JsonContent.Create(body), token);

    /// <summary>A user who signed in with a password and registered a passkey of <paramref name="authenticator"/>.</summary>
    private async Task<string> RegisterAsync(string userId, SoftwareAuthenticator authenticator, byte[]? totpSecret = null, string name = "Work laptop")
    {
        await factory.AddUserAsync(userId, $"{userId}-Pass-2026");
        var token = (await _client.LoginAsync(userId, $"{userId}-Pass-2026")).Token!;
        var options = await Call(HttpMethod.Post, "/api/v1/account/passkeys/options", token);
        options.Status.Should().Be(HttpStatusCode.OK, options.Body.ToString());
        var registered = await Call(HttpMethod.Post, "/api/v1/account/passkeys", token, new { name, credential = authenticator.Create(options.Body) });
        registered.Status.Should().Be(HttpStatusCode.Created, registered.Body.ToString());
        if (totpSecret is not null) await factory.EnableTotpAsync(userId, totpSecret);
        return token;
    }

    private static JsonElement PasskeyOptions(Answer answer) =>
        answer.Flow.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "submitPasskey").GetProperty("publicKey");

    private async Task<Answer> PasswordlessAsync(SoftwareAuthenticator authenticator, uint? counter = null)
    {
        var started = await _client.StartAsync();
        return await _client.PostAsync(FlowClient.Id(started), "passkey", new { credential = authenticator.Get(PasskeyOptions(started), counter) });
    }

    [Fact]
    public async Task ARegisteredPasskeyLogsInWithoutAPasswordAsTwoFactors()
    {
        var authenticator = new SoftwareAuthenticator();
        var token = await RegisterAsync("pk.alone", authenticator);

        var listed = await Call(HttpMethod.Get, "/api/v1/account/passkeys", token);
        listed.Body.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("Work laptop");
        listed.Body[0].GetProperty("id").GetString().Should().Be(authenticator.CredentialIds.Single());

        var started = await _client.StartAsync();
        started.Actions.Should().Contain("submitPasskey");
        var options = PasskeyOptions(started);
        options.GetProperty("rpId").GetString().Should().Be("localhost");
        options.GetProperty("userVerification").GetString().Should().Be("required");
        options.GetProperty("allowCredentials").GetArrayLength().Should().Be(0, "a passwordless login asks for any discoverable passkey");

        var issued = await _client.PostAsync(FlowClient.Id(started), "passkey", new { credential = authenticator.Get(options) });

        issued.Status.Should().Be(HttpStatusCode.OK, string.Join("\n", factory.Logs.Lines.Where(l => l.Contains("asskey"))));
        issued.State.Should().Be("Issued");
        issued.Strings("factors").Should().Equal("passkey");
        issued.Flow.GetProperty("user").GetProperty("userId").GetString().Should().Be("pk.alone");
        issued.Token.Should().NotBeNullOrEmpty();
        (await Call(HttpMethod.Get, "/api/v1/account/passkeys", token)).Body[0].GetProperty("lastUsedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task APasskeyIsOfferedBesideTotpAsTheSecondFactor()
    {
        var authenticator = new SoftwareAuthenticator { Synced = true };
        await RegisterAsync("pk.second", authenticator, totpSecret: TotpSecrets.New());

        var challenge = await _client.LoginAsync("pk.second", "pk.second-Pass-2026");
        challenge.State.Should().Be("OtpChallenge");
        challenge.Actions.Should().BeEquivalentTo("submitOtp", "submitRecoveryCode", "submitPasskey");
        var options = PasskeyOptions(challenge);
        options.GetProperty("allowCredentials").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Should().Equal(authenticator.CredentialIds);

        var issued = await _client.PostAsync(FlowClient.Id(challenge), "passkey", new { credential = authenticator.Get(options) });

        issued.State.Should().Be("Issued");
        issued.Strings("factors").Should().Equal("password", "synced_passkey");
    }

    [Fact]
    public async Task AUserWithOnlyAPasskeyIsAskedForItAfterThePassword()
    {
        var authenticator = new SoftwareAuthenticator();
        await RegisterAsync("pk.only", authenticator);

        var challenge = await _client.LoginAsync("pk.only", "pk.only-Pass-2026");

        challenge.State.Should().Be("OtpChallenge");
        challenge.Strings("reasons").Should().Equal("passkey_registered");
        challenge.Actions.Should().Equal("submitPasskey");
        var otp = await _client.PostAsync(FlowClient.Id(challenge), "otp", new { code = "123456" });
        otp.Status.Should().Be(HttpStatusCode.Conflict, "no TOTP, no TOTP action");
        (await _client.PostAsync(FlowClient.Id(challenge), "passkey", new { credential = authenticator.Get(PasskeyOptions(challenge)) })).State.Should().Be("Issued");
    }

    [Fact]
    public async Task ACloneWhoseCounterFallsBehindIsRefusedAndLogged()
    {
        var original = new SoftwareAuthenticator();
        await RegisterAsync("pk.clone", original);
        var clone = original.Clone();
        (await PasswordlessAsync(original)).State.Should().Be("Issued");
        (await PasswordlessAsync(original)).State.Should().Be("Issued");

        var cloned = await PasswordlessAsync(clone);

        cloned.Status.Should().Be(HttpStatusCode.Unauthorized);
        cloned.Code.Should().Be("invalid_credentials");
        cloned.State.Should().Be("Credentials");
        factory.Logs.Lines.Should().Contain(l => l.Contains("possibly a cloned authenticator") && l.Contains("pk.clone"));
        (await PasswordlessAsync(original)).State.Should().Be("Issued", "the genuine authenticator goes on working");
    }

    [Fact]
    public async Task AChallengeIsGoodForOneAnswerOnItsOwnFlowOnly()
    {
        var authenticator = new SoftwareAuthenticator();
        await RegisterAsync("pk.challenge", authenticator);
        var started = await _client.StartAsync();
        var stale = PasskeyOptions(started);
        var forged = JsonSerializer.SerializeToElement(authenticator.Get(stale));
        var tampered = JsonSerializer.Deserialize<Dictionary<string, object>>(forged.GetRawText())!;
        var response = JsonSerializer.Deserialize<Dictionary<string, string>>(forged.GetProperty("response").GetRawText())!;
        response["signature"] = response["signature"][..^4] + (response["signature"][^4..] == "AAAA" ? "BBBB" : "AAAA");
        tampered["response"] = response;

        var wrong = await _client.PostAsync(FlowClient.Id(started), "passkey", new { credential = tampered });
        wrong.Status.Should().Be(HttpStatusCode.Unauthorized);
        wrong.AttemptsRemaining.Should().Be(started.AttemptsRemaining - 1);

        // Signed properly, but over the challenge the wrong answer used up.
        var overStale = await _client.PostAsync(FlowClient.Id(started), "passkey", new { credential = authenticator.Get(stale) });
        overStale.Status.Should().Be(HttpStatusCode.Unauthorized);

        // An assertion made for another flow.
        var other = await _client.StartAsync();
        var foreign = await _client.PostAsync(FlowClient.Id(started), "passkey", new { credential = authenticator.Get(PasskeyOptions(other)) });
        foreign.Status.Should().Be(HttpStatusCode.Unauthorized);

        var fresh = await _client.GetAsync(FlowClient.Id(started));
        (await _client.PostAsync(FlowClient.Id(started), "passkey", new { credential = authenticator.Get(PasskeyOptions(fresh)) })).State.Should().Be("Issued");
    }

    [Fact]
    public async Task WithoutUserVerificationAPasskeyIsNotEnough()
    {
        var authenticator = new SoftwareAuthenticator();
        await RegisterAsync("pk.presence", authenticator);
        authenticator.VerifiesUser = false;

        var answer = await PasswordlessAsync(authenticator);

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.State.Should().Be("Credentials");
    }

    [Fact]
    public async Task ARenamedPasskeyKeepsWorkingARemovedOneNoLonger()
    {
        var authenticator = new SoftwareAuthenticator();
        var token = await RegisterAsync("pk.manage", authenticator);
        var id = authenticator.CredentialIds.Single();

        var renamed = await Call(HttpMethod.Patch, $"/api/v1/account/passkeys/{id}", token, new { name = "YubiKey 5" });
        renamed.Body.GetProperty("name").GetString().Should().Be("YubiKey 5");
        (await Call(HttpMethod.Patch, $"/api/v1/account/passkeys/{id}", token, new { name = "" })).Status.Should().Be(HttpStatusCode.BadRequest);
        (await PasswordlessAsync(authenticator)).State.Should().Be("Issued");

        (await Call(HttpMethod.Delete, $"/api/v1/account/passkeys/{id}", token)).Status.Should().Be(HttpStatusCode.NoContent);

        (await Call(HttpMethod.Get, "/api/v1/account/passkeys", token)).Body.GetArrayLength().Should().Be(0);
        (await PasswordlessAsync(authenticator)).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await Call(HttpMethod.Delete, $"/api/v1/account/passkeys/{id}", token)).Code.Should().Be("passkey_not_found");
    }

    [Fact]
    public async Task TheSamePasskeyCannotBeRegisteredTwiceNorAnswerAnotherUsersRegistration()
    {
        var authenticator = new SoftwareAuthenticator();
        var token = await RegisterAsync("pk.twice", authenticator);
        var options = await Call(HttpMethod.Post, "/api/v1/account/passkeys/options", token);
        options.Body.GetProperty("excludeCredentials").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Should().Equal(authenticator.CredentialIds);

        // Another user's open registration answered with a credential made for this one's.
        await factory.AddUserAsync("pk.other", "pk.other-Pass-2026");
        var otherToken = (await _client.LoginAsync("pk.other", "pk.other-Pass-2026")).Token!;
        var mine = await Call(HttpMethod.Post, "/api/v1/account/passkeys/options", token);
        var crossed = await Call(HttpMethod.Post, "/api/v1/account/passkeys", otherToken, new { name = "stolen", credential = new SoftwareAuthenticator().Create(mine.Body) });

        crossed.Status.Should().Be(HttpStatusCode.BadRequest);
        crossed.Body.GetProperty("errors").TryGetProperty("credential", out _).Should().BeTrue();
    }

    [Fact]
    public async Task PasskeysTurnedOffAreNeitherOfferedNorTaken()
    {
        var authenticator = new SoftwareAuthenticator();
        var token = await RegisterAsync("pk.off", authenticator);
        await factory.SetSettingAsync("authentication", "passkeys_allowed", false);
        try
        {
            var started = await _client.StartAsync();
            started.Actions.Should().NotContain("submitPasskey");
            (await _client.PostAsync(FlowClient.Id(started), "passkey", new { credential = authenticator.Get(JsonSerializer.SerializeToElement(new
            {
                challenge = "AAAA", rpId = "localhost", allowCredentials = Array.Empty<object>(),
            })) })).Code.Should().Be("action_not_allowed");
            (await Call(HttpMethod.Post, "/api/v1/account/passkeys/options", token)).Code.Should().Be("passkeys_disabled");
        }
        finally
        {
            await factory.SetSettingAsync("authentication", "passkeys_allowed", true);
        }
    }

    [Fact]
    public async Task AMalformedCredentialIsABadRequestNamingTheField()
    {
        var started = await _client.StartAsync();

        var answer = await _client.PostAsync(FlowClient.Id(started), "passkey", new { credential = new { id = "not base64url!", type = "public-key" } });

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.Body.GetProperty("errors").TryGetProperty("credential", out _).Should().BeTrue();
    }

    [Fact]
    public async Task AnAdminListsAndRemovesALostPasskeyAndTheAuditSaysWho()
    {
        var authenticator = new SoftwareAuthenticator();
        var token = await RegisterAsync("pk.lost", authenticator);
        var admin = await AdminClient.SignInAsync(factory, _client);
        var id = authenticator.CredentialIds.Single();

        var listed = await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/users/pk.lost/passkeys");
        listed.Body.EnumerateArray().Select(p => p.GetProperty("id").GetString()).Should().Equal(id);
        (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/admin/users/pk.lost/passkeys/{id}")).Status.Should().Be(HttpStatusCode.NoContent);

        (await PasswordlessAsync(authenticator)).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/admin/users/pk.lost/passkeys/{id}")).Code.Should().Be("passkey_not_found");
        (await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/users/nobody.here/passkeys")).Code.Should().Be("user_not_found");
        (await Call(HttpMethod.Get, "/api/v1/admin/users/pk.lost/passkeys", token)).Status.Should().Be(HttpStatusCode.Forbidden, "an agent is no admin");
        var events = (await admin.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?userId=pk.lost")).Body.GetProperty("items");
        var removed = events.EnumerateArray().Single(e => e.GetProperty("outcome").GetString() == "PasskeyRemoved");
        removed.GetProperty("kind").GetString().Should().Be("admin");
        removed.GetProperty("target").GetProperty("type").GetString().Should().Be("passkey");
        events.EnumerateArray().Should().Contain(e => e.GetProperty("outcome").GetString() == "PasskeyRegistered");
    }

    [Fact]
    public async Task AnAdminWithoutAPasskeyMustRegisterOneBeforeAdminWorkWhenTheSettingSaysSo()
    {
        await factory.SetSettingAsync("authentication", "admin_requires_passkey", true);
        try
        {
            await factory.AddUserAsync("pk.admin", "pk.admin-Pass-2026", role: "admin");
            var secret = TotpSecrets.New();
            await factory.EnableTotpAsync("pk.admin", secret);
            var challenge = await _client.LoginAsync("pk.admin", "pk.admin-Pass-2026");
            var token = (await _client.PostAsync(FlowClient.Id(challenge), "otp", new { code = factory.TotpCode(secret) })).Token!;

            var session = await Call(HttpMethod.Get, "/api/v1/session", token);
            session.Body.GetProperty("requiredActions").EnumerateArray().Select(a => a.GetString()).Should().Equal("register_passkey");
            (await Call(HttpMethod.Get, "/api/v1/admin/users", token)).Status.Should().Be(HttpStatusCode.Forbidden);

            var authenticator = new SoftwareAuthenticator();
            var options = await Call(HttpMethod.Post, "/api/v1/account/passkeys/options", token);
            (await Call(HttpMethod.Post, "/api/v1/account/passkeys", token, new { name = "Admin key", credential = authenticator.Create(options.Body) }))
                .Status.Should().Be(HttpStatusCode.Created);

            (await Call(HttpMethod.Get, "/api/v1/session", token)).Body.GetProperty("requiredActions").GetArrayLength().Should().Be(0);
            (await Call(HttpMethod.Get, "/api/v1/admin/users", token)).Status.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            await factory.SetSettingAsync("authentication", "admin_requires_passkey", false);
        }
    }

    [Fact]
    public async Task AMemberTheDirectorySaysHasLeftCannotUseTheirPasskey()
    {
        var authenticator = new SoftwareAuthenticator();
        await RegisterAsync("pk.left", authenticator);
        // What a directory sync records of a member WeCom no longer lists (the account itself left enabled).
        await factory.WithDbAsync(async db =>
        {
            db.Users.Single(u => u.NormalizedUserId == "pk.left").DirectoryDepartedAt = factory.Clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });

        var answer = await PasswordlessAsync(authenticator);

        answer.Status.Should().Be(HttpStatusCode.Unauthorized);
        answer.State.Should().Be("Credentials");
    }
}
