using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Section <c>Oidc</c>: the OpenID Connect provider's token lifetimes (its key rotation: <c>Oidc:RotationDays</c>).</summary>
public sealed class OidcOptions
{
    public const string Section = "Oidc";

    [Range(1, 1440)]
    public int AccessTokenMinutes { get; set; } = 60;

    [Range(1, 1440)]
    public int IdentityTokenMinutes { get; set; } = 60;

    [Range(1, 90)]
    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>
    /// Plain http for the endpoints (a login service's tokens otherwise travel in the clear): on by default in
    /// Development only; behind a TLS proxy, the forwarded scheme counts (Proxy:).
    /// </summary>
    public bool? AllowHttp { get; set; }
}
