using LoginOrchestrator.Steps.Passwords;
using BCryptNet = BCrypt.Net.BCrypt;

namespace LoginOrchestrator.Unit.Tests.Passwords;

/// <summary>
/// The native (libxcrypt) and managed (BCrypt.Net-Next) paths must be interchangeable: a hash stored by one instance
/// is checked by another that may run either, and every hash stored before the native path existed was made by
/// BCrypt.Net-Next's EnhancedHashPassword.
/// </summary>
public sealed class BcryptAgreementTests
{
    private readonly BcryptPasswordHasher _native = new(workFactor: 10);
    private readonly BcryptPasswordHasher _managed = new(workFactor: 10, preferNative: false);

    public static TheoryData<string> Passwords => new()
    {
        "correct horse battery staple",
        new string('a', 72) + "-past-bcrypt's-72-bytes",
        string.Concat(Enumerable.Repeat("登录验证码", 12)),
        "ﬀ ligature and full-width ＡＢＣ", // NFKC folds these before the pre-hash
        "",
    };

    [Fact]
    public void TheSystemsBcryptIsUsedOnThisMachine()
    {
        // Debian ships libxcrypt (libcrypt.so.1); CI and the test command run there. Elsewhere the managed path is right.
        _native.Implementation.Should().Be("libxcrypt");
        _managed.Implementation.Should().Be("BCrypt.Net-Next");
    }

    [Theory]
    [MemberData(nameof(Passwords))]
    public void EachAcceptsWhatTheOtherMade(string password)
    {
        var byNative = _native.Hash(password);
        var byManaged = _managed.Hash(password);

        _managed.Verify(password, byNative).Should().BeTrue();
        _native.Verify(password, byManaged).Should().BeTrue();
        _native.Verify(password, byNative).Should().BeTrue();
        _managed.Verify(password, byManaged).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Passwords))]
    public void EachAcceptsHashesStoredByBCryptNetsEnhancedMode(string password)
    {
        var stored = BCryptNet.EnhancedHashPassword(password.Normalize(System.Text.NormalizationForm.FormKC), 10, BCrypt.Net.HashType.SHA384);

        _native.Verify(password, stored).Should().BeTrue();
        _managed.Verify(password, stored).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Passwords))]
    public void NeitherAcceptsAWrongPassword(string password)
    {
        var byNative = _native.Hash(password);
        var byManaged = _managed.Hash(password);

        foreach (var wrong in new[] { password + "x", password.ToUpperInvariant() + "!", "" == password ? " " : "" })
        {
            _native.Verify(wrong, byNative).Should().BeFalse();
            _native.Verify(wrong, byManaged).Should().BeFalse();
            _managed.Verify(wrong, byNative).Should().BeFalse();
            _managed.Verify(wrong, byManaged).Should().BeFalse();
        }
    }

    [Fact]
    public void BothComputeTheSameHashForTheSameSalt()
    {
        var salt = BCryptNet.GenerateSalt(10);
        var preHashed = BcryptPasswordHasher.PreHash("same salt, same hash");

        NativeBcrypt.Crypt(preHashed, salt).Should().Be(BCryptNet.HashPassword(preHashed, salt));
    }

    [Theory]
    [InlineData("$6$rounds=5000$saltsalt$")] // another crypt scheme libxcrypt would happily run
    [InlineData("$2b$10$short")]
    [InlineData("not-a-bcrypt-hash")]
    public void OnlyBcryptHashesAreChecked(string stored)
    {
        _native.Verify("anything", stored).Should().BeFalse();
        _managed.Verify("anything", stored).Should().BeFalse();
    }
}
