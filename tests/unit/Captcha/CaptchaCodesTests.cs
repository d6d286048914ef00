using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Captcha;
using LoginOrchestrator.Stores.InProcess;
using Microsoft.Extensions.Time.Testing;

namespace LoginOrchestrator.Unit.Tests.Captcha;

public sealed class CaptchaCodesTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(300);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryCaptchaCodeStore _store;
    private readonly CaptchaCodes _codes;
    private readonly ICodeHashKey _key = new FixedKey();

    public CaptchaCodesTests()
    {
        _store = new InMemoryCaptchaCodeStore(_clock);
        _codes = new CaptchaCodes(_store, _key, _clock);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public async Task CodesHaveTheConfiguredNumberOfDigits(int length)
    {
        var issued = await _codes.IssueAsync("f", "email", "a@corp.example", length, Lifetime, default);

        issued.Code.Should().MatchRegex($"^[0-9]{{{length}}}$");
    }

    [Fact]
    public async Task StoreHoldsOnlyAHashOfTheCode()
    {
        var issued = await _codes.IssueAsync("f", "email", "a@corp.example", 6, Lifetime, default);

        var record = await _store.FindAsync("f", default);
        record!.CodeHash.Should().HaveCount(32);
        record.CheckHash.Should().HaveCount(32).And.NotEqual(record.CodeHash);
        System.Text.Encoding.UTF8.GetString(record.CodeHash).Should().NotContain(issued.Code);
        System.Text.Encoding.UTF8.GetString(record.CheckHash!).Should().NotContain(issued.Code);
    }

    /// <summary>During an upgrade, a code an earlier version stored (no check hash) is still checked, consumed and counted.</summary>
    [Fact]
    public async Task ACodeStoredByAnEarlierVersionIsStillChecked()
    {
        async Task StoreAsEarlierVersionAsync(string flowId, string code)
        {
            var hash = System.Security.Cryptography.HMACSHA256.HashData(await _key.GetAsync(default),
                System.Text.Encoding.UTF8.GetBytes($"{flowId}\nemail\na@corp.example\n{code}"));
            await _store.ReplaceAsync(new CaptchaCodeRecord(flowId, "email", "a@corp.example", hash, _clock.GetUtcNow() + Lifetime), Lifetime, default);
        }
        await StoreAsEarlierVersionAsync("old", "123456");
        await StoreAsEarlierVersionAsync("old-wrong", "123456");

        var (verdict, sentTo) = await _codes.CheckAsync("old", "123456", default);
        verdict.Should().Be(CaptchaVerdict.Accepted);
        sentTo.Should().Be(new CodeSentTo("email", "a@corp.example"));
        (await _codes.VerifyAsync("old", "123456", default)).Should().Be(CaptchaVerdict.Dead);

        for (var i = 0; i < CaptchaCodes.MaxWrongAnswers; i++)
            (await _codes.VerifyAsync("old-wrong", "654321", default)).Should().Be(CaptchaVerdict.Wrong);
        (await _codes.VerifyAsync("old-wrong", "123456", default)).Should().Be(CaptchaVerdict.Dead);
    }

    [Fact]
    public async Task AnAcceptedCodeNamesWhereItWasSent()
    {
        var issued = await _codes.IssueAsync("f", "sms", "+8613800000000", 6, Lifetime, default);

        (await _codes.CheckAsync("f", issued.Code, default)).SentTo.Should().Be(new CodeSentTo("sms", "+8613800000000"));
    }

    [Fact]
    public async Task CodeIsAcceptedOneSecondBeforeExpiryAndRefusedOneSecondAfter()
    {
        var early = await _codes.IssueAsync("early", "email", "a@corp.example", 6, Lifetime, default);
        var late = await _codes.IssueAsync("late", "email", "a@corp.example", 6, Lifetime, default);

        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        (await _codes.VerifyAsync("early", early.Code, default)).Should().Be(CaptchaVerdict.Accepted);

        _clock.Advance(TimeSpan.FromSeconds(2));
        (await _codes.VerifyAsync("late", late.Code, default)).Should().Be(CaptchaVerdict.Expired);
    }

    [Fact]
    public async Task CodeIsSingleUse()
    {
        var issued = await _codes.IssueAsync("f", "email", "a@corp.example", 6, Lifetime, default);

        (await _codes.VerifyAsync("f", issued.Code, default)).Should().Be(CaptchaVerdict.Accepted);
        (await _codes.VerifyAsync("f", issued.Code, default)).Should().Be(CaptchaVerdict.Dead);
    }

    [Fact]
    public async Task ParallelSubmitsOfTheRightCodeSucceedExactlyOnce()
    {
        var issued = await _codes.IssueAsync("f", "email", "a@corp.example", 6, Lifetime, default);

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => _codes.VerifyAsync("f", issued.Code, default))));

        verdicts.Count(v => v == CaptchaVerdict.Accepted).Should().Be(1);
    }

    [Fact]
    public async Task ResendKillsThePreviousCode()
    {
        var first = await _codes.IssueAsync("f", "email", "a@corp.example", 6, Lifetime, default);
        var second = await IssueDifferentFromAsync("f", first.Code);

        (await _codes.VerifyAsync("f", first.Code, default)).Should().Be(CaptchaVerdict.Wrong);
        (await _codes.VerifyAsync("f", second.Code, default)).Should().Be(CaptchaVerdict.Accepted);
    }

    [Fact]
    public async Task FiveWrongAnswersKillTheCode()
    {
        var issued = await _codes.IssueAsync("f", "email", "a@corp.example", 6, Lifetime, default);
        var wrong = issued.Code == "000000" ? "111111" : "000000";

        for (var i = 0; i < CaptchaCodes.MaxWrongAnswers; i++)
            (await _codes.VerifyAsync("f", wrong, default)).Should().Be(CaptchaVerdict.Wrong);

        (await _codes.VerifyAsync("f", issued.Code, default)).Should().Be(CaptchaVerdict.Dead);
    }

    [Fact]
    public async Task CodeIsBoundToItsFlow()
    {
        var issued = await _codes.IssueAsync("f1", "email", "a@corp.example", 6, Lifetime, default);
        await IssueDifferentFromAsync("f2", issued.Code);

        (await _codes.VerifyAsync("f2", issued.Code, default)).Should().Be(CaptchaVerdict.Wrong);
        (await _codes.VerifyAsync("f1", issued.Code, default)).Should().Be(CaptchaVerdict.Accepted,
            "another flow's attempt leaves this code alive");
    }

    [Fact]
    public async Task PurgeRemovesOnlyCodesPastTheirTimeToLive()
    {
        await _codes.IssueAsync("old", "email", "a@corp.example", 6, Lifetime, default);
        _clock.Advance(TimeSpan.FromMinutes(20));
        await _codes.IssueAsync("new", "email", "a@corp.example", 6, Lifetime, default);

        _store.Purge().Should().Be(1);
        (await _store.FindAsync("new", default)).Should().NotBeNull();
    }

    /// <summary>Issues codes for the flow until one differs from <paramref name="other"/> (equal codes are one in a million).</summary>
    private async Task<IssuedCaptcha> IssueDifferentFromAsync(string flowId, string other)
    {
        while (true)
        {
            var issued = await _codes.IssueAsync(flowId, "email", "a@corp.example", 6, Lifetime, default);
            if (issued.Code != other) return issued;
        }
    }
}

file sealed class FixedKey : ICodeHashKey
{
    private readonly byte[] _key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public ValueTask<byte[]> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_key);
}
