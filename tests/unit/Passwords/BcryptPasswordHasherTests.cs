using System.Text;
using LoginOrchestrator.Steps.Passwords;

namespace LoginOrchestrator.Unit.Tests.Passwords;

public sealed class BcryptPasswordHasherTests
{
    private readonly BcryptPasswordHasher _hasher = new(workFactor: 10);

    [Fact]
    public void RightPasswordVerifiesAndWrongOneDoesNot()
    {
        var hash = _hasher.Hash("correct horse battery staple");

        _hasher.Verify("correct horse battery staple", hash).Should().BeTrue();
        _hasher.Verify("correct horse battery stapler", hash).Should().BeFalse();
    }

    [Fact]
    public void PasswordsLongerThan72BytesAreNotTruncated()
    {
        var prefix = new string('a', 72);
        var hash = _hasher.Hash(prefix + "-one");
        Encoding.UTF8.GetByteCount(prefix + "-one").Should().BeGreaterThan(72);

        _hasher.Verify(prefix + "-two", hash).Should().BeFalse("bytes past 72 must count");
        _hasher.Verify(prefix + "-one", hash).Should().BeTrue();
    }

    [Fact]
    public void LongChinesePasswordIsCheckedWhole()
    {
        var password = string.Concat(Enumerable.Repeat("登录验证码", 12)); // 60 characters, 180 UTF-8 bytes
        var hash = _hasher.Hash(password);

        _hasher.Verify(password, hash).Should().BeTrue();
        _hasher.Verify(password[..^1] + "字", hash).Should().BeFalse();
    }

    [Fact]
    public void HashUsesTheConfiguredWorkFactor()
    {
        new BcryptPasswordHasher(11).Hash("x").Should().Contain("$11$");
        _hasher.Hash("x").Should().Contain("$10$");
    }

    [Fact]
    public void WorkFactorBelowTenIsRefused()
    {
        var act = () => new BcryptPasswordHasher(9);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void VerifyWithoutHashFailsButSpendsAFullVerify()
    {
        var hash = _hasher.Hash("warm-up");
        _hasher.Verify("anything", null); // builds the dummy hash once

        var known = Timed(() => _hasher.Verify("wrong", hash));
        var unknown = Timed(() => _hasher.Verify("wrong", null));

        _hasher.Verify("anything", null).Should().BeFalse();
        // Same bcrypt cost: well within a factor of two of each other (each is tens of milliseconds).
        unknown.Should().BeGreaterThan(known / 2);
    }

    [Fact]
    public void CorruptStoredHashNeverVerifies()
    {
        _hasher.Verify("anything", "not-a-bcrypt-hash").Should().BeFalse();
    }

    private static TimeSpan Timed(Action action)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        action();
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }
}
