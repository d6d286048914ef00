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
        _hasher.Verify("anything", null).Should().BeFalse(); // also builds the dummy hash once

        // Interleaved samples, compared by median, so load on the machine hits both sides alike.
        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var i = 0; i < 7; i++)
        {
            known.Add(Timed(() => _hasher.Verify("wrong", hash)));
            unknown.Add(Timed(() => _hasher.Verify("wrong", null)));
        }

        // The same bcrypt cost: a skipped verify would take microseconds, not a large share of one.
        Median(unknown).Should().BeGreaterThan(Median(known) * 0.5);
    }

    private static TimeSpan Median(List<TimeSpan> samples) => samples.Order().ElementAt(samples.Count / 2);

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
