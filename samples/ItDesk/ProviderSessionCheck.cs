using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Samples.ItDesk;

/// <summary>
/// Keeps this app's sign-in no longer than the login service's session: the refresh token it holds is introspected
/// (RFC 7662) every few seconds; once the service says it is no longer active (logout, revocation, a disabled user),
/// the app's cookie goes too. This is how "log out once, out of every app" reaches an app that is not the one logging out.
/// </summary>
public static class ProviderSessionCheck
{
    private const string CheckedAt = "itdesk.checked_at";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<IOptions<ItDeskOptions>>().Value;
        var now = DateTimeOffset.UtcNow;
        if (context.Properties.Items.TryGetValue(CheckedAt, out var last)
            && now - DateTimeOffset.Parse(last!, CultureInfo.InvariantCulture) < TimeSpan.FromSeconds(settings.SessionCheckSeconds))
            return;

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        if (refreshToken is null || !await IsActiveAsync(http, settings, refreshToken))
        {
            context.RejectPrincipal();
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.Properties.Items[CheckedAt] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    private static async Task<bool> IsActiveAsync(HttpContext http, ItDeskOptions settings, string refreshToken)
    {
        var oidc = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        var endpoint = configuration.IntrospectionEndpoint ?? throw new InvalidOperationException("The provider has no introspection endpoint.");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refreshToken, ["token_type_hint"] = "refresh_token" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(settings.ClientId)}:{Uri.EscapeDataString(settings.ClientSecret ?? "")}")));
        using var response = await oidc.Backchannel.SendAsync(request, http.RequestAborted);
        if (!response.IsSuccessStatusCode) return false;
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(http.RequestAborted));
        return body.RootElement.TryGetProperty("active", out var active) && active.GetBoolean();
    }
}
