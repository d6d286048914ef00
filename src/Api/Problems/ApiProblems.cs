using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LoginOrchestrator.Api.Problems;

/// <summary>
/// Every error is <c>application/problem+json</c> with a stable <c>code</c> and a <c>traceId</c>
/// (api.md "Errors"). Responses the framework produces (bad JSON, 404 routes, 405…) get a code
/// from their status.
/// </summary>
public sealed class ApiProblems(IProblemDetailsService problemDetails)
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        if (!problem.Extensions.ContainsKey("code"))
            problem.Extensions["code"] = CodeForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
        // Never leak exception details, whatever the environment.
        problem.Extensions.Remove("exception");
    }

    public Task WriteAsync(HttpContext http, int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = TitleOf(status), Detail = detail, Extensions = { ["code"] = code } };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[name] = value;
        return problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }

    /// <summary>400 <c>invalid_request</c> naming each offending field (api.md: validation errors add <c>errors</c>).</summary>
    public static ProblemHttpResult InvalidRequest(string detail, Dictionary<string, string[]> errors) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: TitleOf(400),
            extensions: new Dictionary<string, object?> { ["code"] = "invalid_request", ["errors"] = errors });

    public static string CodeForStatus(int status) => status switch
    {
        400 or 411 or 413 or 414 or 415 or 431 => "invalid_request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "action_not_allowed",
        429 => "rate_limited",
        503 => "dependency_unavailable",
        _ => status >= 500 ? "internal_error" : "invalid_request",
    };

    public static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        410 => "Gone",
        422 => "Unprocessable Content",
        423 => "Locked",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Error",
    };
}
