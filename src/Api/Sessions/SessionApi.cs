using LoginOrchestrator.Api.Oidc;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Sessions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.Sessions;

/// <summary>The current session as api.md shows it.</summary>
public sealed record SessionDto(
    string UserId,
    string Name,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Factors,
    bool Degraded,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> RequiredActions);

public static class SessionApi
{
    public static RouteGroupBuilder MapSession(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/session").WithTags("Session").RequireAuthorization().RequireCors(FrontendCors.Policy);
        group.MapGet("/", GetSession).WithName("GetSession").WithSummary("The session of the bearer token.");
        group.MapDelete("/", Logout).WithName("Logout").WithSummary("Ends the session, and what apps were granted from it.");
        return group;
    }

    public static Ok<SessionDto> GetSession(HttpContext http)
    {
        var s = http.Features.GetRequiredFeature<SessionRecord>();
        return TypedResults.Ok(new SessionDto(s.UserId, s.Name, s.Roles, s.Factors, s.Degraded, s.IssuedAt, s.ExpiresAt, s.RequiredActions));
    }

    /// <summary>The token dies at once: the store is the only place it lives.</summary>
    public static async Task<NoContent> Logout(HttpContext http, SessionService sessions, SsoCookie sso, AgentPresence presence)
    {
        sso.Clear(http);
        var session = http.Features.GetRequiredFeature<SessionRecord>();
        await sessions.RevokeAsync(session, http.RequestAborted);
        await presence.SessionEndedAsync(session.UserId, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
