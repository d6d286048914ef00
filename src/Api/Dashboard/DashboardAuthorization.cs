using System.Security.Claims;
using Hangfire.Dashboard;
using LoginOrchestrator.Api.Sessions;
using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Api.Dashboard;

/// <summary>
/// Lets admins and ops into the Hangfire dashboard: by bearer session, or by the dashboard cookie of a
/// session that is still alive. Ops see the read-only view. Replaces Hangfire's local-requests-only filter.
/// </summary>
public sealed class DashboardAuthorization(DashboardCookie cookie, ISessionStore sessions) : IDashboardAsyncAuthorizationFilter
{
    private const string RoleItem = "dashboard-role";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var role = RoleOf(http.User) ?? await CookieRoleAsync(http);
        if (role is null) return false;
        http.Items[RoleItem] = role;
        return true;
    }

    /// <summary>Only admins may change anything (retry, delete, trigger).</summary>
    public static bool IsReadOnly(DashboardContext context) =>
        context.GetHttpContext().Items[RoleItem] as string != Roles.Admin;

    private static string? RoleOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? Roles.Admin : user.IsInRole(Roles.Ops) ? Roles.Ops : null;

    private async Task<string?> CookieRoleAsync(HttpContext http)
    {
        if (cookie.Read(http.Request) is not { } grant) return null;
        var session = await sessions.FindAsync(grant.SessionTokenHash, http.RequestAborted);
        return session is not null && session.Roles.Contains(grant.Role) && grant.Role is Roles.Admin or Roles.Ops ? grant.Role : null;
    }
}
