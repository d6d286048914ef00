using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Stores.Oidc;

/// <summary><c>Oidc:</c> how often the provider's keys rotate.</summary>
public sealed class OidcKeyOptions
{
    public const string Section = "Oidc";

    /// <summary>
    /// Days a key signs before the next takes over. A key is published one period before and kept one period after, so
    /// this must be at least the refresh token lifetime (checked at start).
    /// </summary>
    [Range(1, 365)]
    public int RotationDays { get; set; } = 30;
}
