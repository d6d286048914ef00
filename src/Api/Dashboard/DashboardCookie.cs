using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace LoginOrchestrator.Api.Dashboard;

/// <summary>Who the dashboard cookie stands for: the session it came from and the role it grants.</summary>
public sealed record DashboardGrant(string UserId, string Role, string SessionTokenHash);

/// <summary>
/// The cookie that lets a browser open <c>/hangfire</c>: encrypted, time-limited, and bound to the
/// session that asked for it, so logging out ends dashboard access too.
/// </summary>
public sealed class DashboardCookie(IDataProtectionProvider provider, TimeProvider time)
{
    public const string Name = "lo_dashboard";
    public const string Path = "/hangfire";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("LoginOrchestrator.DashboardCookie.v1").ToTimeLimitedDataProtector();

    public void Append(HttpResponse response, DashboardGrant grant) =>
        response.Cookies.Append(Name, _protector.Protect(JsonSerializer.Serialize(grant), time.GetUtcNow() + Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = Path,
            MaxAge = Lifetime,
        });

    public DashboardGrant? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<DashboardGrant>(_protector.Unprotect(value));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // tampered, expired, or from another key ring
        }
    }
}
