using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// Sits in front of the test host's pipeline and checks each answer of <c>/api/v1</c> against the OpenAPI document as
/// it goes by. One that does not conform reaches the test as a 500 naming the mismatch (so that test fails where it
/// made the request), and is kept for the fixture's end.
/// </summary>
public sealed class AnswerConformance(Func<Task<OpenApiConformance>> document) : IStartupFilter
{
    private readonly ConcurrentQueue<string> _violations = new();
    /// <summary>One document for every request, however many ask for it first at once.</summary>
    private readonly Lazy<Task<OpenApiConformance>> _conformance = new(document);

    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>The start of the 500 answer that replaces one the document does not describe.</summary>
    public const string OpenApiViolation = "OPENAPI VIOLATION:";

    private async Task<string?> CheckAsync(HttpContext http, byte[] answer)
    {
        // A route that is not there (404), or a method it does not have (405), is no operation to describe.
        if (http.GetEndpoint() is not RouteEndpoint endpoint || http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed) return null;
        // The client left before the answer (a page navigated away: ASP.NET Core logs it as 499): nobody reads it.
        if (http.RequestAborted.IsCancellationRequested) return null;
        try
        {
            var conformance = await _conformance.Value;
            return conformance.Check(http.Request.Method, endpoint.RoutePattern.RawText ?? "", http.Response.StatusCode,
                http.Response.ContentType, System.Text.Encoding.UTF8.GetString(answer));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"{http.Request.Method} {http.Request.Path} → {http.Response.StatusCode}: the check failed: {e.Message}";
        }
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, pipeline) =>
        {
            // Only the documented API; a CORS preflight is no operation of it.
            if (!http.Request.Path.StartsWithSegments("/api/v1") || HttpMethods.IsOptions(http.Request.Method))
            {
                await pipeline(http);
                return;
            }
            var original = http.Response.Body;
            using var buffer = new AnswerBuffer();
            http.Response.Body = buffer;
            try
            {
                await pipeline(http);
            }
            catch
            {
                http.Response.Body = original;
                buffer.Position = 0;
                await buffer.CopyToAsync(original);
                throw;
            }
            http.Response.Body = original;
            var violation = await CheckAsync(http, buffer.ToArray());
            if (violation is not null && !http.Response.HasStarted)
            {
                // The test that made this request fails at its own call: the answer it gets says what drifted.
                _violations.Enqueue(violation);
                http.Response.Clear();
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync($"{OpenApiViolation} {violation}");
                return;
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original);
        });
        next(app);
    };
}

/// <summary>
/// Holds an answer as the server's own stream would: a write goes through even with a cancelled token (the request
/// timeout writes its 503 with the request's, already cancelled, token; a plain MemoryStream would drop it).
/// </summary>
internal sealed class AnswerBuffer : MemoryStream
{
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        base.WriteAsync(buffer, offset, count, CancellationToken.None);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.WriteAsync(buffer, CancellationToken.None);

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
