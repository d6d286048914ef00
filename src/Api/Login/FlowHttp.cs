using System.Globalization;
using LoginOrchestrator.Api.Oidc;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.Login;

/// <summary>What every flow handler needs, bundled for <c>[AsParameters]</c>.</summary>
public sealed record FlowServices(LoginFlowEngine Engine, SsoCookie Sso, AgentPresence Presence, HttpContext Http)
{
    public ClientInfo Client => ClientOf(Http);

    /// <summary>Who is asking, as the audit and the session list record it.</summary>
    public static ClientInfo ClientOf(HttpContext http) => new(
        http.Connection.RemoteIpAddress?.ToString(),
        http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
        CultureInfo.CurrentUICulture.Name) { RememberedDevice = RememberedDeviceCookie.Of(http) };

    public CancellationToken Cancellation => Http.RequestAborted;
}

/// <summary>Maps engine results to HTTP: 200 with the flow, or a problem document that carries the flow as it now stands.</summary>
public static class FlowHttp
{
    public static async Task<Results<Ok<FlowDto>, ProblemHttpResult>> AnswerAsync(FlowResult result, FlowServices services)
    {
        if (result.Problem is not null) return Problem(result, services);
        // The browser that finished a login is known to /connect/authorize from now on (single sign-on for apps).
        if (result.Session is { } session) services.Sso.Issue(services.Http, SessionService.HashOf(session.Token), session.ExpiresAt);
        if (result.Device is { } device) RememberedDeviceCookie.Issue(services.Http, device);
        // The session is stored: its token is answered even if the request's deadline passed while it was being written
        // (an answer of 503 would leave a login the client cannot see).
        if (result.Session is not null && result.Flow?.UserId is { } userId) await services.Presence.SignedInAsync(userId, CancellationToken.None);
        return TypedResults.Ok(FlowViews.ToDto(result));
    }

    public static ProblemHttpResult Problem(FlowResult result, FlowServices services)
    {
        var problem = result.Problem!;
        // The field's message is the problem's own: "malformed" for invalid_request, "use another" for target_unavailable.
        return new Refusal(problem.Code, FlowTexts.For(problem.Code), problem.Field, problem.RetryAfterSeconds)
        {
            Extensions = result.Flow is null ? null : new Dictionary<string, object?> { ["flow"] = FlowViews.ToDto(result) },
        }.ToProblem(services.Http);
    }

    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors, HttpContext http) =>
        Refusal.Invalid(FlowTexts.For(FlowCodes.InvalidRequest), errors).ToProblem(http);
}
