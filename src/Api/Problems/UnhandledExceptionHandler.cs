using Microsoft.AspNetCore.Diagnostics;

namespace LoginOrchestrator.Api.Problems;

/// <summary>
/// The last line: a failing dependency answers 503 <c>dependency_unavailable</c> (nothing was issued);
/// a request body the server could not read answers 400; anything else 500 without details.
/// </summary>
public sealed class UnhandledExceptionHandler(ApiProblems problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                await problems.WriteAsync(http, bad.StatusCode, ApiProblems.CodeForStatus(bad.StatusCode), "The request could not be read.");
                return true;
            case var dependency when DependencyFailure.Is(dependency):
                logger.LogError(exception, "A dependency failed while answering {Path}", http.Request.Path);
                await problems.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "dependency_unavailable",
                    "A service this one depends on is unavailable; nothing was issued. Try again shortly.");
                return true;
            default:
                logger.LogError(exception, "Unhandled error answering {Path}", http.Request.Path);
                await problems.WriteAsync(http, StatusCodes.Status500InternalServerError, "internal_error", "The server failed to answer.");
                return true;
        }
    }
}
