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

    /// <summary>What an admin (or, for metrics, ops) may read, and a service key with the scope.</summary>
    public const string MetricsReader = "metrics-reader";
    public const string AuditReader = "audit-reader";
    public const string UsersReader = "users-reader";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, policy => policy.RequireRole(Roles.Admin).RequireAssertion(NothingRequired))
            .AddPolicy(Dashboard, policy => policy.RequireRole(Roles.Admin, Roles.Ops).RequireAssertion(NothingRequired))
            .AddPolicy(Colleagues, policy => policy.RequireRole(Roles.Agent, Roles.Admin).RequireAssertion(NothingRequired))
            .AddPolicy(MetricsReader, policy => ReaderOf(policy, Stores.Database.ApiKeys.MetricsRead, Roles.Admin, Roles.Ops))
            .AddPolicy(AuditReader, policy => ReaderOf(policy, Stores.Database.ApiKeys.AuditRead, Roles.Admin))
            .AddPolicy(UsersReader, policy => ReaderOf(policy, Stores.Database.ApiKeys.UsersRead, Roles.Admin));
        return services;
    }

    public static IReadOnlyList<string> RequiredActions(ClaimsPrincipal user) =>
        [.. user.FindAll(SessionAuthenticationHandler.RequiredActionClaim).Select(c => c.Value)];

    private static bool NothingRequired(AuthorizationHandlerContext context) => RequiredActions(context.User).Count == 0;

    /// <summary>A session of one of the roles with nothing owed, or an API key with the scope.</summary>
    private static void ReaderOf(AuthorizationPolicyBuilder policy, string scope, params string[] roles) => policy
        .AddAuthenticationSchemes(ApiKeys.ApiKeyAuthenticationHandler.SessionOrKey)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => context.User.HasClaim(ApiKeys.ApiKeyAuthenticationHandler.ScopeClaim, scope)
            || (roles.Any(context.User.IsInRole) && NothingRequired(context)));
}
