using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.AdminClients;

/// <summary><c>/admin/clients</c>: the apps (OpenID Connect relying parties) that may sign users in through this service.</summary>
public static class AdminClientsApi
{
    public static RouteGroupBuilder MapAdminClients(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin/clients").WithTags("Admin: clients").RequireAuthorization(AccessPolicies.Admin);
        group.MapGet("/", ListClients).WithName("ListClients").WithSummary("The registered clients.");
        group.MapPost("/", CreateClient).WithName("CreateClient").WithSummary("Registers a client; a confidential one's secret is in this answer only.").ProducesProblems(409);
        group.MapGet("/{clientId}", GetClient).WithName("GetClient").WithSummary("One client.").ProducesProblems(404);
        group.MapPut("/{clientId}", UpdateClient).WithName("UpdateClient").WithSummary("Replaces a client's name, URIs, scopes and first-party flag (not its id, type or secret).").ProducesProblems(404);
        group.MapPost("/{clientId}/secret", RotateClientSecret).WithName("RotateClientSecret").WithSummary("A new secret for a confidential client; the old one stops working.").ProducesProblems(404);
        group.MapDelete("/{clientId}", DeleteClient).WithName("DeleteClient").WithSummary("Removes a client, its grants and its tokens.").ProducesProblems(404);
        group.MapGet("/{clientId}/audit", ClientAudit).WithName("ClientAudit").WithSummary("Who changed the client, and when.");
        return group;
    }

    private static Audit.AdminActor Admin(HttpContext http) => Audit.AdminActor.Of(http);

    public static async Task<Ok<IReadOnlyList<ClientDto>>> ListClients(HttpContext http, ClientAdministration clients) =>
        TypedResults.Ok(await clients.ListAsync(http.RequestAborted));

    public static async Task<Results<Created<ClientWithSecretDto>, ProblemHttpResult>> CreateClient(ClientRequest body, HttpContext http, ClientAdministration clients)
    {
        var outcome = await clients.CreateAsync(body, Admin(http), http.RequestAborted);
        return outcome.Value is { } created
            ? TypedResults.Created($"/api/v1/admin/clients/{Uri.EscapeDataString(created.Client.ClientId)}", created)
            : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<Ok<ClientDto>, ProblemHttpResult>> GetClient(string clientId, HttpContext http, ClientAdministration clients) =>
        await clients.GetAsync(clientId, http.RequestAborted) is { } client
            ? TypedResults.Ok(client)
            : new Refusal(ProblemCodes.ClientNotFound, "No such client.").ToProblem(http);

    public static async Task<Results<Ok<ClientDto>, ProblemHttpResult>> UpdateClient(string clientId, ClientRequest body, HttpContext http, ClientAdministration clients)
    {
        var outcome = await clients.UpdateAsync(clientId, body, Admin(http), http.RequestAborted);
        return outcome.Value is { } client ? TypedResults.Ok(client) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<Ok<ClientWithSecretDto>, ProblemHttpResult>> RotateClientSecret(string clientId, HttpContext http, ClientAdministration clients)
    {
        var outcome = await clients.RotateSecretAsync(clientId, Admin(http), http.RequestAborted);
        return outcome.Value is { } rotated ? TypedResults.Ok(rotated) : outcome.Refusal!.ToProblem(http);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteClient(string clientId, HttpContext http, ClientAdministration clients) =>
        await clients.DeleteAsync(clientId, Admin(http), http.RequestAborted)
            ? TypedResults.NoContent()
            : new Refusal(ProblemCodes.ClientNotFound, "No such client.").ToProblem(http);

    public static async Task<Ok<IReadOnlyList<ClientAuditDto>>> ClientAudit(string clientId, HttpContext http, ClientAdministration clients) =>
        TypedResults.Ok(await clients.AuditOfAsync(clientId, http.RequestAborted));
}
