using System.Security.Cryptography;

namespace LoginOrchestrator.Steps.Otp;

/// <summary>Recovery codes: 12 characters of Crockford's base32 (60 random bits), shown as <c>xxxx-xxxx-xxxx</c>.</summary>
public static class RecoveryCodeGenerator
{
    public const int SetSize = 10;

    /// <summary>No i, l, o or u: nothing to misread when typed from paper.</summary>
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static IReadOnlyList<string> NewSet() => [.. Enumerable.Range(0, SetSize).Select(_ => NewCode())];

    private static string NewCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 12);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }
}
