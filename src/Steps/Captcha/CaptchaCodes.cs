using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.Captcha;

public enum CaptchaVerdict { Accepted, Wrong, Expired, Dead }

/// <summary>The channel and target a code was sent to: what an accepted code proves.</summary>
public sealed record CodeSentTo(string Channel, string Target);

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
        var secret = await key.GetAsync(cancellationToken);
        var record = new CaptchaCodeRecord(flowId, channel, target, SentCodeHash(secret, flowId, channel, target, code), expiresAt,
            CheckHash: CheckHash(secret, flowId, code));
        return (new IssuedCaptcha(code, expiresAt), token => store.ReplaceAsync(record, lifetime, token));
    }

    public async Task<CaptchaVerdict> VerifyAsync(string flowId, string code, CancellationToken cancellationToken) =>
        (await CheckAsync(flowId, code, cancellationToken)).Verdict;

    /// <summary>
    /// The verdict, and for an accepted code the channel and target it was sent to (what a code proves): checked,
    /// consumed or counted in one step of the store.
    /// </summary>
    public async Task<(CaptchaVerdict Verdict, CodeSentTo? SentTo)> CheckAsync(string flowId, string code, CancellationToken cancellationToken)
    {
        var secret = await key.GetAsync(cancellationToken);
        // A code is good up to, not including, its expiry instant (the store compares the same way).
        var check = await store.CheckAsync(flowId, CheckHash(secret, flowId, code.Trim()), time.GetUtcNow(), MaxWrongAnswers, cancellationToken);
        return check.Outcome switch
        {
            CaptchaCheckOutcome.Accepted => (CaptchaVerdict.Accepted, new CodeSentTo(check.Channel!, check.Target!)),
            CaptchaCheckOutcome.Wrong => (CaptchaVerdict.Wrong, null),
            CaptchaCheckOutcome.Expired => (CaptchaVerdict.Expired, null),
            CaptchaCheckOutcome.Unchecked => await CheckStoredByEarlierVersionAsync(flowId, code.Trim(), secret, cancellationToken),
            _ => (CaptchaVerdict.Dead, null),
        };
    }

    /// <summary>A code stored by an earlier version has only the hash bound to channel and target: read it, then check.</summary>
    private async Task<(CaptchaVerdict Verdict, CodeSentTo? SentTo)> CheckStoredByEarlierVersionAsync(
        string flowId, string code, byte[] secret, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(flowId, cancellationToken);
        if (record is null || record.WrongAttempts >= MaxWrongAnswers) return (CaptchaVerdict.Dead, null);
        if (time.GetUtcNow() >= record.ExpiresAt) return (CaptchaVerdict.Expired, null);

        var candidate = SentCodeHash(secret, record.FlowId, record.Channel, record.Target, code);
        if (CryptographicOperations.FixedTimeEquals(candidate, record.CodeHash))
            return await store.TryConsumeAsync(flowId, candidate, cancellationToken)
                ? (CaptchaVerdict.Accepted, new CodeSentTo(record.Channel, record.Target))
                : (CaptchaVerdict.Dead, null);

        await store.CountWrongAsync(flowId, MaxWrongAnswers, cancellationToken);
        return (CaptchaVerdict.Wrong, null);
    }

    /// <summary>When the flow's live code was issued, from its expiry and the lifetime it was given (for a resend's cooldown).</summary>
    public async Task<CaptchaCodeRecord?> FindAsync(string flowId, CancellationToken cancellationToken) => await store.FindAsync(flowId, cancellationToken);

    /// <summary>The code bound to flow, channel and target: what earlier versions check.</summary>
    private static byte[] SentCodeHash(byte[] secret, string flowId, string channel, string target, string code) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{flowId}\n{channel}\n{target}\n{code}"));

    /// <summary>The code bound to its flow (the record binds channel and target): computed from the answer alone.</summary>
    private static byte[] CheckHash(byte[] secret, string flowId, string code) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"check\n{flowId}\n{code}"));
}
