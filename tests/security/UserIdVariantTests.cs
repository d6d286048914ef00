using System.Net;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Security.Tests;

/// <summary>
/// Issue 15.1: one canonical user id (NFKC, lower case, WeCom's allowed set) for the lookup, the lock-out and the audit.
/// A variant of a locked id is either the same account (and locked) or no account at all (the wrong-password answer):
/// never a way in past the lock. On MariaDB (utf8mb4 collations) and on the embedded SQLite store.
/// </summary>
public abstract class UserIdVariantTests<TFactory>(TFactory factory) where TFactory : LoginApiFactory
{
    private const string Password = "variant-Pass-1";
    private readonly FlowClient _client = new(factory.CreateClient());

    /// <summary>Variants of <c>{id}</c> = <c>kirk{n}</c>; true where the variant is the same account.</summary>
    public static TheoryData<string, bool> Variants(string id) => new()
    {
        { id.ToUpperInvariant(), true },
        { "\u212A" + id[1..], true },                                  // Kelvin sign K
        { string.Concat(id.Select(c => (char)(c + 0xFEE0))), true },    // fullwidth ｋｉｒｋ１
        { " " + id + " ", true },
        { "k\u00EF" + id[2..], false },                                // kïrk: an accent is another id
        { "k\u200Bi" + id[2..], false },                               // a zero-width space (a format character)
        { id + "\u00AD", false },                                      // a soft hyphen (a format character)
        { "ki\u0307" + id[2..], false },                               // a combining dot
    };

    private async Task<Answer> LoginAsync(string userId, string password) => await _client.LoginAsync(userId, password);

    [Fact]
    public async Task NoVariantOfALockedIdLogsInWithTheRightPassword()
    {
        const string id = "kirk1";
        await factory.AddUserAsync(id, Password);
        for (var i = 0; i < 5; i++) await LoginAsync(id, "not-the-password");
        (await LoginAsync(id, Password)).Status.Should().Be(HttpStatusCode.Locked);

        foreach (var (variant, sameAccount) in Variants(id).Select(row => ((string)row[0], (bool)row[1])))
        {
            var answer = await LoginAsync(variant, Password);
            answer.Token.Should().BeNull($"'{variant}' must not get past the lock of '{id}'");
            if (sameAccount)
                answer.Status.Should().Be(HttpStatusCode.Locked, $"'{variant}' is '{id}' and shares its lock");
            else
                answer.Code.Should().Be("invalid_credentials", $"'{variant}' is no account, so it gets the wrong-password answer");
        }
    }

    [Fact]
    public async Task WrongGuessesSpreadOverVariantsLockTheAccount()
    {
        const string id = "kirk2";
        await factory.AddUserAsync(id, Password);
        var sameAccount = Variants(id).Where(row => (bool)row[1]).Select(row => (string)row[0]).ToList();

        Answer last = default!;
        for (var i = 0; i < 5; i++) last = await LoginAsync(sameAccount[i % sameAccount.Count], "not-the-password");

        last.Status.Should().Be(HttpStatusCode.Locked, "five wrong guesses at one account lock it, however its id is spelt");
        (await LoginAsync(id, Password)).Status.Should().Be(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task AVariantThatIsTheAccountSignsInAsItsCanonicalId()
    {
        const string id = "kirk3";
        await factory.AddUserAsync(id, Password);

        var issued = await LoginAsync("\u212A" + "ＩＲＫ３", Password);

        issued.State.Should().Be("Issued");
        var session = await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, issued.Token);
        session.Body.GetProperty("userId").GetString().Should().Be(id);
    }
}

public sealed class MariaDbUserIdVariantTests(LoginApiFactory factory)
    : UserIdVariantTests<LoginApiFactory>(factory), IClassFixture<LoginApiFactory>;

public sealed class EmbeddedUserIdVariantTests(EmbeddedLoginApiFactory factory)
    : UserIdVariantTests<EmbeddedLoginApiFactory>(factory), IClassFixture<EmbeddedLoginApiFactory>;
