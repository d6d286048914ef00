namespace LoginOrchestrator.Api.Hosting;

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

    /// <summary>
    /// The origin browsers reach this service at (e.g. <c>https://login.corp.example</c>): WeCom's <c>redirect_uri</c> is
    /// built from it, never from a request's Host header, which a client chooses. Required with WeCom.
    /// </summary>
    public Uri? PublicOrigin { get; set; }

    /// <summary>An allowed return URL prefix: an absolute http(s) URL with no query or fragment.</summary>
    public static bool IsReturnUrlPrefix(string prefix) =>
        Uri.TryCreate(prefix, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;

    /// <summary>An absolute http(s) origin: scheme, host and port only.</summary>
    public static bool IsOrigin(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}
