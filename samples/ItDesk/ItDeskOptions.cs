using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Samples.ItDesk;

/// <summary>Section <c>ItDesk</c>: where the login service is, and who this app is to it.</summary>
public sealed class ItDeskOptions
{
    public const string Section = "ItDesk";

    /// <summary>The login service's origin (its issuer).</summary>
    [Required]
    public string Authority { get; set; } = "";

    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>Empty for a public client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The app's name on its pages.</summary>
    public string Title { get; set; } = "IT Desk";

    /// <summary>
    /// How often the sign-in is checked with the service (its refresh token introspected): a logout there, or the
    /// user's disabling, ends it here by the next check. 0: on every request.
    /// </summary>
    [Range(0, 3600)]
    public int SessionCheckSeconds { get; set; } = 60;
}
