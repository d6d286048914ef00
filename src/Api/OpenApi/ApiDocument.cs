using System.Text.Json.Nodes;
using LoginOrchestrator.Api.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LoginOrchestrator.Api.OpenApi;

/// <summary>
/// What the generator cannot see: the bearer scheme and which operations need it, and every problem answer an operation
/// gives, as the one problem schema with the codes of that status.
/// </summary>
public sealed class ApiDocument : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Bearer = "bearer";
    public const string Problem = "Problem";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The session token of an Issued flow (`session.token`), as `Authorization: Bearer <token>`; on the reading "
                + "endpoints (`/metrics`, `GET /admin/audit`, `GET /admin/users`) also an API key (`lok_…`) with the scope they need.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>().Where(s => !s.AdditionalPropertiesAllowed))
            WireSchemas.DropNullableObjects(schema);
        document.Components.Schemas[Problem] = ProblemSchema(document);
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authenticated = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (authenticated)
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];

        var statuses = ProblemResponses.Always
            .Concat(authenticated ? ProblemResponses.Authenticated : [])
            .Concat(metadata.OfType<ProblemStatuses>().SelectMany(p => p.Statuses))
            // A body too large, or not JSON.
            .Concat(operation.RequestBody is null ? [] : [413, 415])
            .Distinct().Order();
        operation.Responses ??= new OpenApiResponses();
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            operation.Responses[key] = new OpenApiResponse
            {
                Description = $"{ProblemCodes.TitleOf(status)}: a problem document (RFC 9457) whose `code` says why.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = ProblemOf(status, context.Document!) },
                },
            };
        }
        return Task.CompletedTask;
    }

    /// <summary>The codes a problem of this status carries: the table's, and the one the framework's own answers get.</summary>
    public static IReadOnlyList<string> CodesOf(int status) =>
        [.. ProblemCodes.All.Where(code => ProblemCodes.StatusOf(code) == status).Append(ProblemCodes.ForStatus(status)).Distinct().Order(StringComparer.Ordinal)];

    private static IOpenApiSchema ProblemOf(int status, OpenApiDocument document) => new OpenApiSchema
    {
        AllOf =
        [
            new OpenApiSchemaReference(Problem, document),
            new OpenApiSchema
            {
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Enum = [JsonValue.Create(status)] },
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. CodesOf(status).Select(c => (JsonNode)JsonValue.Create(c))] },
                },
            },
        ],
    };

    private static OpenApiSchema ProblemSchema(OpenApiDocument document)
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        static OpenApiSchema Number(string description) => new() { Type = JsonSchemaType.Integer, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Every refusal of the API. `code` is stable (api.md); `detail` is for people and may change.",
            Required = new HashSet<string> { "title", "status", "code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI for the kind of problem."),
                ["title"] = Text("The status's name."),
                ["status"] = Number("The HTTP status."),
                ["detail"] = Text("What went wrong, for people."),
                ["instance"] = Text("The request it is about."),
                ["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String, Description = "Why, for programs.",
                    Enum = [.. ProblemCodes.All.Select(c => (JsonNode)JsonValue.Create(c))],
                },
                ["traceId"] = Text("Quote it when reporting the problem."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object, Description = "The offending fields, each with what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["retryAfter"] = Number("Seconds to wait (as the `Retry-After` header)."),
                ["flow"] = new OpenApiSchema
                {
                    Description = "The flow as it now stands: a login flow on `/login/flows`, a recovery flow on `/recovery/flows`.",
                    OneOf = [new OpenApiSchemaReference(nameof(Login.FlowDto), document), new OpenApiSchemaReference(nameof(Recovery.RecoveryFlowDto), document)],
                },
                ["requiredActions"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array, Description = "What the session must do first (403).",
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. WireVocabulary.RequiredActions.Select(a => (JsonNode)JsonValue.Create(a))] },
                },
                ["field"] = Text("The setting's field at fault (422)."),
                ["line"] = Number("The template's line at fault (422)."),
                ["column"] = Number("The template's column at fault (422)."),
            },
        };
    }
}
