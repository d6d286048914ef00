using System.Security.Claims;
using System.Text.Encodings.Web;
using LoginOrchestrator.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.ApiKeys;

/// <summary>
/// Authenticates <c>Authorization: Bearer lok_…</c> (a service credential) for the policies that name this scheme only
/// (<see cref="Security.AccessPolicies"/>): a key carries its scopes as claims, never a role, so it opens nothing else.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Stores.Database.ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";

    /// <summary>The policy scheme of the endpoints a key may read: a key's token goes to this handler, any other to the session's.</summary>
    public const string SessionOrKey = "SessionOrApiKey";

    /// <summary>A bearer token that is an API key, not a session token.</summary>
    public static bool IsApiKey(string bearer) => bearer.StartsWith(Stores.Database.ApiKeys.Prefix, StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (!IsApiKey(token)) return AuthenticateResult.NoResult();
        if (await keys.ValidateAsync(token, Context.RequestAborted) is not { } key) return AuthenticateResult.Fail("Invalid, expired or revoked API key.");

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, $"apikey:{key.Id}"), new(ClaimTypes.Name, key.Name) };
        claims.AddRange(key.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(scope => new Claim(ScopeClaim, scope)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        new Refusal(ProblemCodes.Unauthenticated, "A valid session token or API key is required in the Authorization header.").WriteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        new Refusal(ProblemCodes.Forbidden, "The API key lacks the scope this needs.").WriteAsync(Context);
}
