using System.Text;
using System.Text.RegularExpressions;

namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>
/// The one canonical form of a user id, used for the account lookup, the lock-out, the rate limits, the sessions and
/// the audit alike: trimmed, NFKC (fullwidth <c>ａ</c> and the Kelvin sign become <c>a</c> and <c>K</c>), then lower case.
/// An account's id is always in the allowed set (WeCom's own userid rule: ASCII letters, digits, <c>. _ @ -</c>, 1–64);
/// a typed id whose canonical form is outside it (accents, format characters such as U+200B) names no account.
/// Stored with a binary collation, so the database never matches more than this form.
/// </summary>
public static partial class UserIds
{
    public const string AllowedSet = "1 to 64 ASCII letters, digits, '.', '_', '@' or '-' (compared without case).";

    public static string Canonical(string typed) => typed.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Whether a canonical id can be an account's.</summary>
    public static bool IsAllowed(string canonical) => Allowed().IsMatch(canonical);

    [GeneratedRegex("^[a-z0-9._@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
