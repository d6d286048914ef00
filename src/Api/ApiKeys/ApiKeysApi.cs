using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.ApiKeys;

/// <param name="ExpiresInDays">1–365 (90 when omitted).</param>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);

/// <summary>A service credential as admins see it: never its secret, but once, when made (<see cref="Key"/>).</summary>
public sealed record ApiKeyDto(
    string Id, string Name, IReadOnlyList<string> Scopes, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string? Key = null)
{
    public static ApiKeyDto Of(ApiKeyRecord k, string? key = null) =>
        new(k.Id, k.Name, k.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries), k.CreatedBy, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, key);
}

/// <summary>Admins make, list and revoke named API keys with scopes (Prometheus: <c>metrics:read</c>); each change audited.</summary>
public static class ApiKeysApi
{
    public const string Created = "ApiKeyCreated";
    public const string Revoked = "ApiKeyRevoked";

    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin/api-keys").WithTags("Admin: API keys").RequireAuthorization(AccessPolicies.Admin);
        group.MapPost("/", CreateKey).WithName("CreateApiKey").WithSummary("Makes a named key with scopes; the key is in this answer only.");
        group.MapGet("/", ListKeys).WithName("ListApiKeys").WithSummary("Every key, newest first, without its secret.");
        group.MapDelete("/{keyId}", RevokeKey).WithName("RevokeApiKey").WithSummary("Revokes a key at once.").ProducesProblems(404);
        return group;
    }

    public static async Task<Results<Created<ApiKeyDto>, ProblemHttpResult>> CreateKey(
        CreateApiKeyRequest body, HttpContext http, Stores.Database.ApiKeys keys, LoginAudit audit, TimeProvider time)
    {
        if (body.Name?.Trim() is not { Length: > 0 and <= 100 } name) return Refusal.Invalid("name", "Required, at most 100 characters.").ToProblem(http);
        if (body.Scopes is not { Count: > 0 } scopes || scopes.Any(s => !Stores.Database.ApiKeys.AllScopes.Contains(s)))
            return Refusal.NotOneOf("scopes", Stores.Database.ApiKeys.AllScopes).ToProblem(http);
        if (body.ExpiresInDays is < 1 or > 365) return Refusal.Invalid("expiresInDays", "Between 1 and 365.").ToProblem(http);
        var admin = http.Features.GetRequiredFeature<SessionRecord>().UserId;
        var issued = await keys.CreateAsync(name, [.. scopes.Distinct()], TimeSpan.FromDays(body.ExpiresInDays ?? 90), admin, http.RequestAborted);
        await audit.RecordAsync(new AdminAction(Created, admin, "api_key", issued.Record.Id, FlowServices.ClientOf(http), time.GetUtcNow())
        {
            Reason = $"by_admin:{admin} {issued.Record.Scopes}", After = ApiKeyDto.Of(issued.Record),
        }, http.RequestAborted);
        return TypedResults.Created($"/api/v1/admin/api-keys/{issued.Record.Id}", ApiKeyDto.Of(issued.Record, issued.Key));
    }

    public static async Task<Ok<List<ApiKeyDto>>> ListKeys(HttpContext http, Stores.Database.ApiKeys keys) =>
        TypedResults.Ok((await keys.ListAsync(http.RequestAborted)).Select(k => ApiKeyDto.Of(k)).ToList());

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string keyId, HttpContext http, Stores.Database.ApiKeys keys, LoginAudit audit, TimeProvider time)
    {
        if (await keys.RevokeAsync(keyId, http.RequestAborted) is not { } revoked)
            return new Refusal(ProblemCodes.ApiKeyNotFound, "No live API key of this id.").ToProblem(http);
        var admin = http.Features.GetRequiredFeature<SessionRecord>().UserId;
        await audit.RecordAsync(new AdminAction(Revoked, admin, "api_key", revoked.Id, FlowServices.ClientOf(http), time.GetUtcNow())
        {
            Reason = $"by_admin:{admin}", After = ApiKeyDto.Of(revoked),
        }, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
