using System.Security.Claims;
using LoginOrchestrator.Api.Sessions;
using LoginOrchestrator.Orchestrator.Policy;
using Microsoft.AspNetCore.Authorization;

namespace LoginOrchestrator.Api.Security;

/// <summary>
/// Who may call what. A session that still has a required action (an admin who must enrol TOTP) is held
/// to the account endpoints: every policy here also demands that nothing is left to do.
/// </summary>
public static class AccessPolicies
{
    public const string Admin = "admin";
    public const string Dashboard = "dashboard";
    /// <summary><c>GET /users</c>: the desk's colleagues list, for agents and admins.</summary>
    public const string Colleagues = "colleagues";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, policy => policy.RequireRole(Roles.Admin).RequireAssertion(NothingRequired))
            .AddPolicy(Dashboard, policy => policy.RequireRole(Roles.Admin, Roles.Ops).RequireAssertion(NothingRequired))
            .AddPolicy(Colleagues, policy => policy.RequireRole(Roles.Agent, Roles.Admin).RequireAssertion(NothingRequired));
        return services;
    }

    public static IReadOnlyList<string> RequiredActions(ClaimsPrincipal user) =>
        [.. user.FindAll(SessionAuthenticationHandler.RequiredActionClaim).Select(c => c.Value)];

    private static bool NothingRequired(AuthorizationHandlerContext context) => RequiredActions(context.User).Count == 0;
}
