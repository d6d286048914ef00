using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LoginOrchestrator.Api.OpenApi;

/// <summary>
/// Makes each generated schema say what the answers do: a member that may be null is absent instead (the API writes no
/// nulls), so it is optional and never null; an answer has no members but these; integers are integers; the closed
/// sets of <see cref="WireVocabulary"/> are enums.
/// </summary>
public sealed class WireSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Properties is not { Count: > 0 } properties) return Task.CompletedTask;
        var type = context.JsonTypeInfo.Type;
        if (type.Namespace?.StartsWith("LoginOrchestrator.", StringComparison.Ordinal) != true) return Task.CompletedTask;

        schema.AdditionalPropertiesAllowed = false;
        foreach (var name in properties.Keys.ToList())
        {
            var property = properties[name];
            if (NonNull(property) is { } present)
            {
                properties[name] = present;
                schema.Required?.Remove(name);
                property = present;
            }
            if (property is OpenApiSchema concrete)
            {
                if (concrete.Type == (JsonSchemaType.Integer | JsonSchemaType.String) && concrete.Pattern is not null)
                    (concrete.Type, concrete.Pattern) = (JsonSchemaType.Integer, null);
                if (WireVocabulary.Properties.TryGetValue((type, name), out var values))
                {
                    var target = concrete.Type?.HasFlag(JsonSchemaType.Array) == true && concrete.Items is OpenApiSchema items ? items : concrete;
                    target.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The schema without its null (a nullable scalar loses the flag); null when not nullable.</summary>
    private static IOpenApiSchema? NonNull(IOpenApiSchema property)
    {
        if (property is not OpenApiSchema schema || schema.Type is not { } flags || !flags.HasFlag(JsonSchemaType.Null) || flags == JsonSchemaType.Null)
            return null;
        schema.Type = flags & ~JsonSchemaType.Null;
        return schema;
    }

    /// <summary>
    /// A nullable object member is wrapped in <c>oneOf: [null, $ref]</c> after the schema transformers ran; once the
    /// document is whole, it becomes the plain reference, and optional.
    /// </summary>
    public static void DropNullableObjects(OpenApiSchema schema)
    {
        foreach (var (name, property) in schema.Properties?.ToList() ?? [])
        {
            if (property is not OpenApiSchema { OneOf: { Count: 2 } oneOf }) continue;
            var nullSchema = oneOf.FirstOrDefault(s => s is OpenApiSchema { Type: JsonSchemaType.Null });
            if (nullSchema is null) continue;
            schema.Properties![name] = oneOf.Single(s => !ReferenceEquals(s, nullSchema));
            schema.Required?.Remove(name);
        }
    }
}
