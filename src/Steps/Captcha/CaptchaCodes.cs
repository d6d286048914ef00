using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.Captcha;

public enum CaptchaVerdict { Accepted, Wrong, Expired, Dead }

/// <summary>A code just issued: the plain code goes to delivery and nowhere else.</summary>
public sealed record IssuedCaptcha(string Code, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues and checks captcha codes: CSPRNG digits, stored as an HMAC under a server secret (a million codes are no
/// search space for a plain hash), single use, bound to flow + channel + target.
/// </summary>
public sealed class CaptchaCodes(ICaptchaCodeStore store, ICodeHashKey key, TimeProvider time)
{
    /// <summary>Wrong answers one code survives.</summary>
    public const int MaxWrongAnswers = 5;

    public async Task<IssuedCaptcha> IssueAsync(
        string flowId, string channel, string target, int length, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var (issued, store) = await PrepareAsync(flowId, channel, target, length, lifetime, cancellationToken);
        await store(cancellationToken);
        return issued;
    }

    /// <summary>A new code and the write that stores it (killing the flow's old one), for a caller that sends it with its own.</summary>
    public async Task<(IssuedCaptcha Issued, Func<CancellationToken, Task> Store)> PrepareAsync(
        string flowId, string channel, string target, int length, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 8);
        var code = RandomNumberGenerator.GetInt32(0, (int)Math.Pow(10, length))
            .ToString(CultureInfo.InvariantCulture).PadLeft(length, '0');
        var expiresAt = time.GetUtcNow() + lifetime;
        var hash = await HashOfAsync(flowId, channel, target, code, cancellationToken);
        var record = new CaptchaCodeRecord(flowId, channel, target, hash, expiresAt);
        return (new IssuedCaptcha(code, expiresAt), token => store.ReplaceAsync(record, lifetime, token));
    }

    public async Task<CaptchaVerdict> VerifyAsync(string flowId, string code, CancellationToken cancellationToken) =>
        (await CheckAsync(flowId, code, cancellationToken)).Verdict;

    /// <summary>The verdict, and for an accepted code the channel and target it was sent to (what a code proves).</summary>
    public async Task<(CaptchaVerdict Verdict, CaptchaCodeRecord? Record)> CheckAsync(string flowId, string code, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(flowId, cancellationToken);
        if (record is null || record.WrongAttempts >= MaxWrongAnswers) return (CaptchaVerdict.Dead, null);
        // A code is good up to, not including, its expiry instant.
        if (time.GetUtcNow() >= record.ExpiresAt) return (CaptchaVerdict.Expired, null);

        var candidate = await HashOfAsync(record.FlowId, record.Channel, record.Target, code.Trim(), cancellationToken);
        if (CryptographicOperations.FixedTimeEquals(candidate, record.CodeHash))
            return await store.TryConsumeAsync(flowId, candidate, cancellationToken) ? (CaptchaVerdict.Accepted, record) : (CaptchaVerdict.Dead, null);

        await store.CountWrongAsync(flowId, MaxWrongAnswers, cancellationToken);
        return (CaptchaVerdict.Wrong, null);
    }

    /// <summary>When the flow's live code was issued, from its expiry and the lifetime it was given (for a resend's cooldown).</summary>
    public async Task<CaptchaCodeRecord?> FindAsync(string flowId, CancellationToken cancellationToken) => await store.FindAsync(flowId, cancellationToken);

    private async ValueTask<byte[]> HashOfAsync(string flowId, string channel, string target, string code, CancellationToken cancellationToken) =>
        HMACSHA256.HashData(await key.GetAsync(cancellationToken), Encoding.UTF8.GetBytes($"{flowId}\n{channel}\n{target}\n{code}"));
}
