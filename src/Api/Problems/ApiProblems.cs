using System.Diagnostics;

namespace LoginOrchestrator.Api.Problems;

/// <summary>
/// Every error is <c>application/problem+json</c> with a stable <c>code</c> and a <c>traceId</c>
/// (api.md "Errors"). Responses the framework produces (bad JSON, 404 routes, 405…) get a code
/// from their status.
/// </summary>
public static class ApiProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        if (!problem.Extensions.ContainsKey("code"))
            problem.Extensions["code"] = ProblemCodes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
        // Never leak exception details, whatever the environment.
        problem.Extensions.Remove("exception");
    }
}
