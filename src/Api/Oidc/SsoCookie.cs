using Microsoft.AspNetCore.DataProtection;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// Remembers a browser's session for the OpenID Connect endpoints only, so a second app's sign-in needs no second
/// login. It holds the session's token hash, encrypted, never the token: it is sent to <c>/connect/*</c> and nowhere else
/// (the REST API takes only the bearer token, so the cookie cannot forge a call to it), it is HttpOnly and SameSite=Lax,
/// and the session it names is checked on every use, so logging out or revocation ends it too.
/// </summary>
public sealed class SsoCookie(IDataProtectionProvider dataProtection)
{
    public const string Name = "lo_sso";
    public const string Path = "/connect";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("LoginOrchestrator.Oidc.SsoCookie.v1");

    public void Issue(HttpContext http, string tokenHash, DateTimeOffset expiresAt) =>
        http.Response.Cookies.Append(Name, _protector.Protect(tokenHash), new CookieOptions
        {
            Path = Path,
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Expires = expiresAt,
            IsEssential = true,
        });

    /// <summary>The token hash the cookie names; null for no cookie or one this service did not make.</summary>
    public string? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Name, out var value) || value.Length > 1024) return null;
        try
        {
            return _protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void Clear(HttpContext http) =>
        http.Response.Cookies.Delete(Name, new CookieOptions { Path = Path, HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax });
}
