using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoginOrchestrator.Orchestrator.Machine;
using Microsoft.AspNetCore.DataProtection;

namespace LoginOrchestrator.Steps.Passkeys;

/// <summary>
/// WebAuthn challenges that only this service can have made, checked by any instance with nothing stored for them. A
/// login's challenge is HMAC-SHA256, keyed by the flow's own random <see cref="LoginFlow.ChallengeKey"/> (never sent),
/// of the flow's id, state and failed attempts: every answer on the flow (a wrong one counts, a right one ends it)
/// makes the old challenge worthless, so each is good for one try, and no one without the key can foresee the next.
/// It is derived, not encrypted, because every read of a flow in <c>Credentials</c> carries one: Data Protection cost
/// 18 µs and ~1 KB a read, a quarter of <c>GET</c> flow's throughput (docs/performance.md). Flows begun before the
/// key was kept, and challenges an instance of the earlier version handed out, still use the encrypted form below.
/// A registration's challenge is encrypted and authenticated with the instances' shared Data Protection keys: it
/// carries its user, the user handle it hands out and when it lapses.
/// </summary>
public sealed class PasskeyChallenges(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("LoginOrchestrator.Passkeys.Challenge.v1");

    /// <summary>How long a registration ceremony may take.</summary>
    public static readonly TimeSpan RegistrationLifetime = TimeSpan.FromMinutes(5);

    public byte[] ForLogin(LoginFlow flow) => flow.ChallengeKey is { } key ? Derive(key, flow) : Protect(LoginFacts(flow));

    /// <summary>A derived challenge is exactly one HMAC long; an encrypted one is always longer.</summary>
    public bool IsForLogin(byte[] challenge, LoginFlow flow) =>
        challenge.Length == HMACSHA256.HashSizeInBytes
            ? flow.ChallengeKey is { } key && CryptographicOperations.FixedTimeEquals(challenge, Derive(key, flow))
            : Unprotect(challenge) is { } facts && facts == LoginFacts(flow);

    /// <summary>Carries the user handle the ceremony hands the authenticator, so its end registers the same one.</summary>
    public byte[] ForRegistration(string userId, byte[] userHandle, DateTimeOffset now) =>
        Protect($"register\n{userId}\n{Base64Url.EncodeToString(userHandle)}\n{(now + RegistrationLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The user handle of a registration this user began and may still finish; null for any other challenge.</summary>
    public byte[]? RegistrationHandle(byte[] challenge, string userId, DateTimeOffset now)
    {
        if (Unprotect(challenge)?.Split('\n') is not ["register", var forUser, var handle, var until]) return null;
        return forUser == userId && long.TryParse(until, CultureInfo.InvariantCulture, out var seconds) && now.ToUnixTimeSeconds() < seconds
            ? Base64Url.DecodeFromChars(handle) : null;
    }

    private static string LoginFacts(LoginFlow flow) =>
        $"login\n{flow.Id}\n{flow.State}\n{flow.FailedAttempts.ToString(CultureInfo.InvariantCulture)}";

    private static byte[] Derive(byte[] key, LoginFlow flow) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(LoginFacts(flow)));

    // Data Protection encrypts with a fresh IV: two challenges for the same facts differ, as WebAuthn expects.
    private byte[] Protect(string facts) => _protector.Protect(Encoding.UTF8.GetBytes(facts));

    private string? Unprotect(byte[] challenge)
    {
        try
        {
            return Encoding.UTF8.GetString(_protector.Unprotect(challenge));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static string Encode(byte[] challenge) => Base64Url.EncodeToString(challenge);

    /// <summary>The challenge a browser signed over, from its client data (Fido2 checks the rest of it); null when unreadable.</summary>
    public static byte[]? ChallengeIn(byte[] clientDataJson)
    {
        try
        {
            using var clientData = JsonDocument.Parse(clientDataJson);
            return clientData.RootElement.TryGetProperty("challenge", out var challenge) && challenge.ValueKind == JsonValueKind.String
                && challenge.GetString() is { } text && Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
