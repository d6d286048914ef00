using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.AspNetCore.Http.Features;

namespace LoginOrchestrator.Api.Audit;

/// <summary>Who does an admin action, and from where: what its audit event records.</summary>
public sealed record AdminActor(string UserId, ClientInfo Client)
{
    /// <summary>The operator at the server's console (<c>AdminCommand</c>): no session, no remote address.</summary>
    public static AdminActor Operator { get; } = new("operator", ClientInfo.None);

    /// <summary>An actor with no request (a test's, a tool's).</summary>
    public static AdminActor Named(string userId) => new(userId, ClientInfo.None);

    /// <summary>The signed-in admin of this request (the admin policy has put their session on it).</summary>
    public static AdminActor Of(HttpContext http) =>
        new(http.Features.GetRequiredFeature<SessionRecord>().UserId, Login.FlowServices.ClientOf(http));
}
