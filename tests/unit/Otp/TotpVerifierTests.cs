using System.Text;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Otp;
using Microsoft.Extensions.Time.Testing;

namespace LoginOrchestrator.Unit.Tests.Otp;

public sealed class TotpVerifierTests
{
    /// <summary>RFC 6238 appendix B, SHA-1 seed.</summary>
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly RecordingLedger _ledger = new();

    /// <summary>The RFC's 8-digit values; a 6-digit code is the same HOTP value mod 10^6, its last six digits.</summary>
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public async Task RfcTestVectorsAreAccepted(long unixSeconds, string rfcValue)
    {
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        var verdict = await Verifier().VerifyAsync("zhangsan", RfcSecret, rfcValue[^6..], default);

        verdict.Should().Be(OtpVerdict.Accepted);
    }

    [Fact]
    public async Task CodeOfThePreviousStepPassesAndTwoStepsAwayFails()
    {
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(1111111109)); // code 081804, step 37037036
        _clock.Advance(TimeSpan.FromSeconds(30));
        (await Verifier().VerifyAsync("a", RfcSecret, "081804", default)).Should().Be(OtpVerdict.Accepted);

        _clock.Advance(TimeSpan.FromSeconds(30));
        (await Verifier().VerifyAsync("b", RfcSecret, "081804", default)).Should().Be(OtpVerdict.Rejected);
    }

    [Fact]
    public async Task AcceptedTimeStepIsNeverAcceptedAgain()
    {
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(1234567890));

        (await Verifier().VerifyAsync("zhangsan", RfcSecret, "005924", default)).Should().Be(OtpVerdict.Accepted);
        (await Verifier().VerifyAsync("zhangsan", RfcSecret, "005924", default)).Should().Be(OtpVerdict.Replayed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public async Task MalformedCodesAreRejectedWithoutTouchingTheLedger(string code)
    {
        (await Verifier().VerifyAsync("zhangsan", RfcSecret, code, default)).Should().Be(OtpVerdict.Rejected);
        _ledger.Calls.Should().Be(0);
    }

    private TotpVerifier Verifier() => new(_clock, _ledger);

    /// <summary>The ledger's contract in memory: a step is accepted only when later than the last one.</summary>
    private sealed class RecordingLedger : ITotpStepLedger
    {
        private readonly Dictionary<string, long> _last = [];
        public int Calls { get; private set; }

        public Task<bool> TryAcceptAsync(string userId, long step, CancellationToken cancellationToken)
        {
            Calls++;
            if (_last.TryGetValue(userId, out var last) && step <= last) return Task.FromResult(false);
            _last[userId] = step;
            return Task.FromResult(true);
        }
    }
}
