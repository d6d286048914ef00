using System.Globalization;
using System.Security.Claims;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Sessions;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// What an app learns of a login: the user as the database has them now, and how the session was won. <c>acr</c> is
/// <c>degraded</c> for a password fallback (WeCom was down; a second factor was forced), <c>standard</c> otherwise.
/// </summary>
public static class OidcClaims
{
    public const string Departments = "departments";
    public const string SessionId = "sid";
    public const string Standard = "standard";
    public const string Degraded = "degraded";

    /// <summary>The session's token hash: carried in codes and refresh tokens only (encrypted, no destination), to find the session again.</summary>
    public const string SessionTokenHash = "lo_session";

    public static readonly string[] Supported =
    [
        Claims.Subject, Claims.Name, Claims.Email, Claims.EmailVerified, Claims.PhoneNumber, Claims.PhoneNumberVerified,
        Claims.Role, Departments, Claims.AuthenticationMethodReference, Claims.AuthenticationContextReference,
        Claims.AuthenticationTime, SessionId,
    ];

    public static readonly string[] ContextReferences = [Standard, Degraded];

    public static ClaimsIdentity For(SessionRecord session, UserAccount user, IEnumerable<string> scopes)
    {
        var granted = scopes.ToHashSet(StringComparer.Ordinal);
        var identity = new ClaimsIdentity(
            authenticationType: "LoginOrchestrator", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, user.NormalizedUserId)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.AuthenticationContextReference, session.Degraded ? Degraded : Standard)
            .SetClaim(SessionId, SessionIds.Of(session.TokenHash))
            .SetClaim(SessionTokenHash, session.TokenHash);
        identity.AddClaim(new Claim(Claims.AuthenticationTime, session.IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        identity.SetClaims(Claims.AuthenticationMethodReference, [.. MethodsOf(session)]);
        if (granted.Contains(Scopes.Email) && user.Email is { } email && user.EmailVerified)
            identity.SetClaim(Claims.Email, email).SetClaim(Claims.EmailVerified, true);
        if (granted.Contains(Scopes.Phone) && user.Mobile is { } mobile && user.MobileVerified)
            identity.SetClaim(Claims.PhoneNumber, mobile).SetClaim(Claims.PhoneNumberVerified, true);
        if (granted.Contains(Scopes.Roles)) identity.SetClaims(Claims.Role, [user.Role]);
        if (granted.Contains(Departments))
            identity.SetClaims(Departments, [.. user.Departments.Split(',', StringSplitOptions.RemoveEmptyEntries)]);
        identity.SetScopes(granted);
        identity.SetDestinations(DestinationsOf);
        return identity;
    }

    /// <summary>
    /// RFC 8176 names where there is one; a captcha code is an <c>otp</c> plus the channel it came by; a passkey is
    /// <c>hwk</c> (bound to its device) or <c>swk</c> (synced), and with the user verification it always asks for, <c>mfa</c>.
    /// </summary>
    public static IEnumerable<string> MethodsOf(SessionRecord session)
    {
        var methods = new List<string>();
        foreach (var factor in session.Factors)
        {
            switch (factor)
            {
                case "password": methods.Add("pwd"); break;
                case "wecom": methods.Add("wecom"); break;
                case "otp" or "recovery_code": methods.Add("otp"); break;
                case "passkey": methods.AddRange(["hwk", "mfa"]); break;
                case "synced_passkey": methods.AddRange(["swk", "mfa"]); break;
                case "captcha":
                    methods.Add("otp");
                    if (session.CaptchaChannel is { } channel) methods.Add(channel);
                    break;
            }
        }
        if (session.Factors.Count > 1) methods.Add("mfa");
        return methods.Distinct(StringComparer.Ordinal);
    }

    /// <summary>Who sees a claim: the ID token what describes the login, the access token what an API needs.</summary>
    public static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Name or Claims.Role or Departments => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Email or Claims.EmailVerified or Claims.PhoneNumber or Claims.PhoneNumberVerified => [Destinations.IdentityToken],
        Claims.AuthenticationMethodReference or Claims.AuthenticationContextReference or Claims.AuthenticationTime or SessionId =>
            [Destinations.IdentityToken],
        // The session's token hash and anything else stay inside the encrypted code and refresh token.
        _ => [],
    };
}
