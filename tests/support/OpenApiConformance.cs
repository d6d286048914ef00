using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// Checks an answer of the API against the service's own OpenAPI document: the operation and its status are documented,
/// and the body is valid against the schema of its media type (JSON Schema 2020-12, as OpenAPI 3.1 has it). Every
/// answer the tests receive goes through it (<see cref="LoginApiFactory"/>), so the document cannot drift from the API.
/// </summary>
public sealed class OpenApiConformance
{
    private static readonly Uri DocumentUri = new("https://loginorchestrator.test/openapi.json");

    private readonly JsonElement _document;
    private readonly BuildOptions _build;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    /// <summary>
    /// The schema registry builds the document's components on first use and is not safe for concurrent use: thirty
    /// parallel first answers once failed with "could not resolve SessionDto". Building and evaluating take turns.
    /// </summary>
    private readonly Lock _registryGate = new();

    public OpenApiConformance(string documentJson)
    {
        _document = JsonDocument.Parse(documentJson).RootElement.Clone();
        var registry = new SchemaRegistry();
        registry.Register(DocumentUri, new JsonElementBaseDocument(_document, DocumentUri));
        _build = new BuildOptions { SchemaRegistry = registry };
    }

    /// <summary>What is wrong with this answer, or null when the document describes it.</summary>
    /// <param name="routePattern">The endpoint's route pattern, as the document's paths have it.</param>
    public string? Check(string method, string routePattern, int status, string? contentType, string body)
    {
        var path = routePattern.Length > 1 ? routePattern.TrimEnd('/') : routePattern;
        var what = $"{method} {path} → {status}";
        if (!_document.GetProperty("paths").TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            return $"{what}: the operation is not in the document";
        if (!operation.GetProperty("responses").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
            return $"{what}: the status is not documented ({body[..Math.Min(200, body.Length)]})";
        if (body.Length == 0) return null;

        var mediaType = contentType?.Split(';')[0].Trim() ?? "";
        if (!response.TryGetProperty("content", out var content) || !content.TryGetProperty(mediaType, out var media))
            return $"{what}: a {mediaType} body is not documented";
        // The response's schema on its own, its references made absolute (into the registered document's components).
        using var instance = JsonDocument.Parse(body);
        EvaluationResults result;
        lock (_registryGate)
        {
            var schema = _schemas.GetOrAdd($"{method} {path} {status} {mediaType}", _ => JsonSchema.FromText(
                media.GetProperty("schema").GetRawText().Replace("\"#/components/", $"\"{DocumentUri}#/components/", StringComparison.Ordinal), _build));
            result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }
        if (result.IsValid) return null;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.SchemaLocation})")).Take(5);
        return $"{what}: the body does not match the document: {string.Join("; ", errors)}\n{body[..Math.Min(600, body.Length)]}";
    }
}
