using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Oidc;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Api.AdminClients;

/// <summary>
/// Registers the apps that sign in through the provider, through OpenIddict's manager (it hashes the secret before the
/// store sees it). Every change is audited; removing a client removes its grants and tokens with it.
/// </summary>
public sealed class ClientAdministration(IOpenIddictApplicationManager applications, LoginDbContext db, LoginAudit audit, TimeProvider time)
{
    public async Task<IReadOnlyList<ClientDto>> ListAsync(CancellationToken cancellationToken)
    {
        var clients = new List<ClientDto>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
            clients.Add(await ToDtoAsync(application, cancellationToken));
        return [.. clients.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    public async Task<ClientDto?> GetAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application ? await ToDtoAsync(application, cancellationToken) : null;

    public async Task<Outcome<ClientWithSecretDto>> CreateAsync(ClientRequest body, Audit.AdminActor changedBy, CancellationToken cancellationToken)
    {
        if (ClientRegistration.Check(body, creating: true) is { } invalid) return invalid;
        if (await applications.FindByClientIdAsync(body.ClientId!, cancellationToken) is not null)
            return new Refusal(ProblemCodes.ClientExists, "A client with this id is registered.", "clientId");
        var secret = body.Type == ClientRegistration.Confidential ? NewSecret() : null;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = body.ClientId,
            ClientSecret = secret,
            ClientType = body.Type == ClientRegistration.Confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
        };
        Describe(descriptor, body);
        var application = await applications.CreateAsync(descriptor, cancellationToken);
        var client = await ToDtoAsync(application, cancellationToken);
        await AuditAsync(null, client, "created", changedBy, cancellationToken);
        return new ClientWithSecretDto(client, secret);
    }

    public async Task<Outcome<ClientDto>> UpdateAsync(string clientId, ClientRequest body, Audit.AdminActor changedBy, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return NotFound;
        if (ClientRegistration.Check(body, creating: false) is { } invalid) return invalid;
        var before = await ToDtoAsync(application, cancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        Describe(descriptor, body);
        // The descriptor has no secret (the store holds only its hash), so populating clears it: the hash is put back.
        var secretHash = ((OidcApplicationRecord)application).ClientSecret;
        await applications.PopulateAsync(application, descriptor, cancellationToken);
        ((OidcApplicationRecord)application).ClientSecret = secretHash;
        await applications.UpdateAsync(application, cancellationToken);
        var client = await ToDtoAsync(application, cancellationToken);
        await AuditAsync(before, client, "updated", changedBy, cancellationToken);
        return client;
    }

    /// <summary>A new secret for a confidential client; the old one stops working at once.</summary>
    public async Task<Outcome<ClientWithSecretDto>> RotateSecretAsync(string clientId, Audit.AdminActor changedBy, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return NotFound;
        if (!await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellationToken))
            return Refusal.Invalid("type", "A public client has no secret.");
        var secret = NewSecret();
        await applications.UpdateAsync(application, secret, cancellationToken);
        var client = await ToDtoAsync(application, cancellationToken);
        await AuditAsync(client, client, "secret_rotated", changedBy, cancellationToken);
        return new ClientWithSecretDto(client, secret);
    }

    public async Task<bool> DeleteAsync(string clientId, Audit.AdminActor changedBy, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return false;
        var client = await ToDtoAsync(application, cancellationToken);
        await applications.DeleteAsync(application, cancellationToken);
        await AuditAsync(client, null, "deleted", changedBy, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ClientAuditDto>> AuditOfAsync(string clientId, CancellationToken cancellationToken) =>
        await db.ClientAudit.AsNoTracking().Where(a => a.ClientId == clientId).OrderByDescending(a => a.Id).Take(200)
            .Select(a => new ClientAuditDto(a.ClientId, a.Action, a.ChangedBy, a.At)).ToListAsync(cancellationToken);

    private static Refusal NotFound => new(ProblemCodes.ClientNotFound, "No such client.");

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>What an admin chooses, as OpenIddict's permissions and requirements.</summary>
    private static void Describe(OpenIddictApplicationDescriptor descriptor, ClientRequest body)
    {
        var confidential = descriptor.ClientType == ClientTypes.Confidential;
        descriptor.DisplayName = body.DisplayName!.Trim();
        descriptor.ConsentType = body.FirstParty == true ? ConsentTypes.Implicit : ConsentTypes.Explicit;
        descriptor.RedirectUris.Clear();
        descriptor.RedirectUris.UnionWith(body.RedirectUris!.Select(u => new Uri(u)));
        descriptor.PostLogoutRedirectUris.Clear();
        descriptor.PostLogoutRedirectUris.UnionWith((body.PostLogoutRedirectUris ?? []).Select(u => new Uri(u)));
        descriptor.Permissions.Clear();
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.Endpoints.Revocation, Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
        ]);
        if (confidential) descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        var scopes = body.Scopes!.Distinct().ToList();
        if (scopes.Contains(Scopes.OfflineAccess)) descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
        foreach (var scope in scopes.Where(s => s is not (Scopes.OpenId or Scopes.OfflineAccess)))
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        // openid and offline_access are not permissions of their own; remember them to show the registration as made.
        descriptor.Properties["scopes"] = JsonSerializer.SerializeToElement(scopes);
        descriptor.Requirements.Clear();
        // A public client proves each code is its own (RFC 7636); a code intercepted on its way is worth nothing.
        if (!confidential) descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
    }

    private async Task<ClientDto> ToDtoAsync(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return new ClientDto(
            await applications.GetClientIdAsync(application, cancellationToken) ?? "",
            await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
            await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellationToken) ? ClientRegistration.Confidential : ClientRegistration.Public,
            await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit, cancellationToken),
            [.. (await applications.GetRedirectUrisAsync(application, cancellationToken)).Order(StringComparer.Ordinal)],
            [.. (await applications.GetPostLogoutRedirectUrisAsync(application, cancellationToken)).Order(StringComparer.Ordinal)],
            properties.TryGetValue("scopes", out var scopes) ? scopes.Deserialize<string[]>() ?? [] : []);
    }

    /// <summary>The client's own history (its audit endpoint) and the admin event, in one save; never the secret.</summary>
    private async Task AuditAsync(ClientDto? before, ClientDto? after, string action, Audit.AdminActor changedBy, CancellationToken cancellationToken)
    {
        var client = (after ?? before)!;
        var now = time.GetUtcNow();
        db.ClientAudit.Add(new ClientAuditRecord
        {
            ClientId = client.ClientId, Action = action, ChangedBy = changedBy.UserId, At = now,
            Registration = JsonSerializer.Serialize(client),
        });
        audit.Stage(new AdminAction(AdminEvents[action], changedBy.UserId, "client", client.ClientId, changedBy.Client, now) { Before = before, After = after });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A client audit action as the admin audit names it.</summary>
    public static IReadOnlyDictionary<string, string> AdminEvents { get; } = new Dictionary<string, string>
    {
        ["created"] = "ClientCreated", ["updated"] = "ClientUpdated", ["secret_rotated"] = "ClientSecretRotated", ["deleted"] = "ClientDeleted",
    };
}
