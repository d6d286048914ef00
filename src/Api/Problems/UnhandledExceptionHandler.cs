using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Stores;
using Microsoft.AspNetCore.Diagnostics;

namespace LoginOrchestrator.Api.Problems;

/// <summary>
/// The last line: a failing dependency answers 503 <c>dependency_unavailable</c> (nothing was issued);
/// a request body the server could not read answers 400; anything else 500 without details.
/// </summary>
public sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                await new Refusal(ProblemCodes.ForStatus(bad.StatusCode), "The request could not be read.") { StatusOverride = bad.StatusCode }.WriteAsync(http);
                return true;
            case var dependency when DependencyFailure.Is(dependency):
                logger.LogError(exception, "A dependency failed while answering {Path}", http.Request.Path);
                await new Refusal(FlowCodes.DependencyUnavailable,
                    "A service this one depends on is unavailable; nothing was issued. Try again shortly.").WriteAsync(http);
                return true;
            default:
                logger.LogError(exception, "Unhandled error answering {Path}", http.Request.Path);
                await new Refusal(ProblemCodes.InternalError, "The server failed to answer.").WriteAsync(http);
                return true;
        }
    }
}
