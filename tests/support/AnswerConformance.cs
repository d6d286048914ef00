using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// Sits in front of the test host's pipeline and checks each answer of <c>/api/v1</c> against the OpenAPI document as
/// it goes by; what does not conform is kept, and fails the test class when its host is disposed.
/// </summary>
public sealed class AnswerConformance(Func<Task<OpenApiConformance>> document) : IStartupFilter
{
    private readonly ConcurrentQueue<string> _violations = new();
    private Task<OpenApiConformance>? _conformance;

    public IReadOnlyCollection<string> Violations => _violations;

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
            using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                await pipeline(http);
            }
            finally
            {
                http.Response.Body = original;
                buffer.Position = 0;
                await buffer.CopyToAsync(original);
            }
            // A route that is not there (404), or a method it does not have (405), is no operation to describe.
            if (http.GetEndpoint() is not RouteEndpoint endpoint || http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed) return;
            try
            {
                var conformance = await (_conformance ??= document());
                var body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
                if (conformance.Check(http.Request.Method, endpoint.RoutePattern.RawText ?? "", http.Response.StatusCode, http.Response.ContentType, body) is { } violation)
                    _violations.Enqueue(violation);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The answer has gone out as it was; the check's own failure is a finding too.
                _violations.Enqueue($"{http.Request.Method} {http.Request.Path} → {http.Response.StatusCode}: the check failed: {e.Message}");
            }
        });
        next(app);
    };
}
