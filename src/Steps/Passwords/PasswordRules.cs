using System.Globalization;
using System.Reflection;
using System.Text;

namespace LoginOrchestrator.Steps.Passwords;

/// <summary>
/// What a new password must be (NIST SP 800-63B 5.1.1.2): 8 to 64 characters, no composition rules,
/// not a commonly used password, not the user id, not the password it replaces.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 64;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Check(string password, string userId)
    {
        var normalized = password.Normalize(NormalizationForm.FormKC);
        // Characters as a person counts them: code points, not UTF-16 units.
        var length = normalized.EnumerateRunes().Count();
        if (length < MinLength) return $"The password needs at least {MinLength} characters.";
        if (length > MaxLength) return $"The password may have at most {MaxLength} characters.";
        if (string.IsNullOrWhiteSpace(normalized)) return "The password cannot be only spaces.";
        // The login refuses them (400), so such a password could be set but never used.
        if (normalized.Any(char.IsControl)) return "The password cannot contain control characters (tab, new line, …).";
        var folded = normalized.ToLower(CultureInfo.InvariantCulture);
        if (Common.Value.Contains(folded)) return "This password is too common; choose another.";
        if (folded.Contains(userId.Trim().ToLower(CultureInfo.InvariantCulture), StringComparison.Ordinal) && userId.Trim().Length >= 3)
            return "The password cannot contain the user id.";
        return null;
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("LoginOrchestrator.Steps.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim().ToLower(CultureInfo.InvariantCulture));
        return set;
    }
}
