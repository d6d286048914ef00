namespace LoginOrchestrator.Api.Configuration;

/// <summary>Section <c>Login</c>.</summary>
public sealed class LoginOptions
{
    public const string Section = "Login";

    /// <summary>
    /// URL prefixes a flow's <c>returnTo</c> may start with. Paths on this service's own origin
    /// (<c>/…</c>) are always allowed; anything else must match a prefix here.
    /// </summary>
    public List<string> AllowedReturnUrls { get; set; } = [];

    /// <summary>The name messages call the service (<c>app_name</c> in templates).</summary>
    public string AppName { get; set; } = "LoginOrchestrator";
}
