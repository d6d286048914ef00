using System.Security.Claims;
using Hangfire.Dashboard;
using LoginOrchestrator.Api.Sessions;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.AspNetCore.Authorization;

namespace LoginOrchestrator.Api.Dashboard;

/// <summary>
/// Lets into the Hangfire dashboard whoever the <c>dashboard</c> authorization policy admits (admin, ops):
/// by bearer session, or by the dashboard cookie of a session that is still alive. Ops see the
/// read-only view. Replaces Hangfire's local-requests-only filter.
/// </summary>
public sealed class DashboardAuthorization(DashboardCookie cookie, ISessionStore sessions, IAuthorizationService authorization)
    : IDashboardAsyncAuthorizationFilter
{
    private const string RoleItem = "dashboard-role";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var user = http.User.Identity?.IsAuthenticated == true ? http.User : await CookieUserAsync(http);
        if (user is null || !(await authorization.AuthorizeAsync(user, DashboardApi.DashboardPolicy)).Succeeded) return false;
        http.Items[RoleItem] = user.IsInRole(Roles.Admin) ? Roles.Admin : Roles.Ops;
        return true;
    }

    /// <summary>Only admins may change anything (retry, delete, trigger).</summary>
    public static bool IsReadOnly(DashboardContext context) =>
        context.GetHttpContext().Items[RoleItem] as string != Roles.Admin;

    /// <summary>
    /// The cookie's grant as a principal, while the session it came from lives and still holds the role; it carries the
    /// session's required actions too, so the policy refuses the cookie of a session the bearer would not admit.
    /// </summary>
    private async Task<ClaimsPrincipal?> CookieUserAsync(HttpContext http)
    {
        if (cookie.Read(http.Request) is not { } grant) return null;
        var session = await sessions.FindAsync(grant.SessionTokenHash, http.RequestAborted);
        if (session is null || !session.Roles.Contains(grant.Role)) return null;
        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, grant.UserId), new(ClaimTypes.Role, grant.Role),
            .. session.RequiredActions.Select(action => new Claim(SessionAuthenticationHandler.RequiredActionClaim, action)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, DashboardCookie.Name));
    }
}
