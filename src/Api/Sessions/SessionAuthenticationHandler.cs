using System.Security.Claims;
using System.Text.Encodings.Web;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Stores.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Sessions;

/// <summary>Authenticates <c>Authorization: Bearer &lt;session token&gt;</c>; tokens are accepted nowhere else.</summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionService sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";
    public const string TokenHashClaim = "session_token_hash";
    public const string FactorClaim = "factor";
    public const string RequiredActionClaim = "required_action";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        var token = header["Bearer ".Length..].Trim();
        if (ApiKeys.ApiKeyAuthenticationHandler.IsApiKey(token)) return AuthenticateResult.NoResult(); // the ApiKey scheme's
        var session = await sessions.ValidateAsync(token, Context.RequestAborted);
        if (session is null) return AuthenticateResult.Fail("Invalid, expired or revoked session.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, session.UserId),
            new(ClaimTypes.Name, session.Name),
            new(TokenHashClaim, session.TokenHash),
        };
        claims.AddRange(session.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        claims.AddRange(session.RequiredActions.Select(action => new Claim(RequiredActionClaim, action)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName);
        Context.Features.Set(session);
        return AuthenticateResult.Success(ticket);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        new Refusal(ProblemCodes.Unauthenticated, "A valid session token is required in the Authorization header.").WriteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var pending = AccessPolicies.RequiredActions(Context.User);
        return pending.Count == 0
            ? new Refusal(ProblemCodes.Forbidden, "The session lacks the role this needs.").WriteAsync(Context)
            : new Refusal(ProblemCodes.Forbidden, "This session must first do what it is required to (enrol TOTP under /account/otp).")
            {
                Extensions = new Dictionary<string, object?> { ["requiredActions"] = pending },
            }.WriteAsync(Context);
    }
}
