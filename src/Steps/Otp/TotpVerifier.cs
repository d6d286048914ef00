using OtpNet;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.Otp;

public enum OtpVerdict { Accepted, Rejected, Replayed }

/// <summary>RFC 6238 TOTP: 30 s steps, 6 digits, SHA-1, one step of clock drift either way.</summary>
public sealed class TotpVerifier(TimeProvider time, ITotpStepLedger ledger)
{
    public const int Digits = 6;
    public const int StepSeconds = 30;
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public async Task<OtpVerdict> VerifyAsync(string userId, byte[] secret, string code, CancellationToken cancellationToken)
    {
        if (code.Length != Digits || !code.All(char.IsAsciiDigit)) return OtpVerdict.Rejected;

        var totp = new Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits);
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, Window))
            return OtpVerdict.Rejected;

        return await ledger.TryAcceptAsync(userId, step, cancellationToken) ? OtpVerdict.Accepted : OtpVerdict.Replayed;
    }
}
