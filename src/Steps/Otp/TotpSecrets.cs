using System.Security.Cryptography;
using OtpNet;

namespace LoginOrchestrator.Steps.Otp;

/// <summary>New TOTP secrets and their Base32 text form for authenticator apps.</summary>
public static class TotpSecrets
{
    /// <summary>160 bits, the HMAC-SHA1 block the RFC recommends.</summary>
    public static byte[] New() => RandomNumberGenerator.GetBytes(20);

    public static string ToBase32(byte[] secret) => Base32Encoding.ToString(secret);

    public static byte[] FromBase32(string secret) => Base32Encoding.ToBytes(secret);
}
