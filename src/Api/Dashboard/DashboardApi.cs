using Hangfire;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.Dashboard;

/// <summary>The Hangfire dashboard at <c>/hangfire</c> and the endpoint that opens it to a browser.</summary>
public static class DashboardApi
{
    public const string DashboardPolicy = AccessPolicies.Dashboard;

    public static IEndpointRouteBuilder MapDashboardSession(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/admin/dashboard-session", OpenDashboard)
            .WithName("OpenDashboard").WithSummary("Sets the Hangfire dashboard cookie for an admin or ops session.").WithTags("Admin: jobs").RequireAuthorization(DashboardPolicy);
        return routes;
    }

    /// <summary>Sets the dashboard cookie for an admin or ops session.</summary>
    public static NoContent OpenDashboard(HttpContext http, DashboardCookie cookie)
    {
        var session = http.Features.Get<SessionRecord>()!;
        var role = http.User.IsInRole(Roles.Admin) ? Roles.Admin : Roles.Ops;
        cookie.Append(http.Response, new DashboardGrant(session.UserId, role, session.TokenHash));
        return TypedResults.NoContent();
    }

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        var authorization = new DashboardAuthorization(app.Services.GetRequiredService<DashboardCookie>(),
            app.Services.GetRequiredService<ISessionStore>(), app.Services.GetRequiredService<IAuthorizationService>());
        app.UseHangfireDashboard(DashboardCookie.Path, new DashboardOptions
        {
            AsyncAuthorization = [authorization],
            IsReadOnlyFunc = DashboardAuthorization.IsReadOnly,
            DisplayStorageConnectionString = false,
            DashboardTitle = "LoginOrchestrator jobs",
            AppPath = "/",
        });
        return app;
    }

    public static IServiceCollection AddJobsDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardCookie>();
        return services;
    }
}
