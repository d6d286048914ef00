using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Api.Login;

/// <summary>
/// Where a browser keeps its remembered-device token: HttpOnly (no script reads it), SameSite=Strict, sent only to
/// the login flows. Other clients get the token in the Issued answer and send it back as <see cref="Header"/>.
/// </summary>
public static class RememberedDeviceCookie
{
    public const string Name = "lo_device";
    public const string Header = "X-Remembered-Device";
    public const string Path = FlowViews.BasePath;

    public static void Issue(HttpContext http, DeviceGrant device) =>
        http.Response.Cookies.Append(Name, device.Token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = Path,
            Expires = device.ExpiresAt,
            IsEssential = true,
        });

    /// <summary>The token the request carries: the header's, else the cookie's.</summary>
    public static string? Of(HttpContext http) =>
        http.Request.Headers[Header].ToString() is { Length: > 0 } header ? header
        : http.Request.Cookies.TryGetValue(Name, out var cookie) ? cookie : null;
}
