namespace LoginOrchestrator.Api.AdminClients;

/// <summary>A client as an admin registers it. <c>type</c>: <c>public</c> (a browser or mobile app: no secret, PKCE) or <c>confidential</c> (a server: a secret).</summary>
public sealed record ClientRequest(
    string? ClientId,
    string? DisplayName,
    string? Type,
    bool? FirstParty,
    IReadOnlyList<string>? RedirectUris,
    IReadOnlyList<string>? PostLogoutRedirectUris,
    IReadOnlyList<string>? Scopes);

/// <summary>A registered client. First-party clients sign in without a consent screen.</summary>
public sealed record ClientDto(
    string ClientId,
    string DisplayName,
    string Type,
    bool FirstParty,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string> Scopes);

/// <summary>The answer that carries a new secret: shown this once, stored only hashed.</summary>
public sealed record ClientWithSecretDto(ClientDto Client, string? ClientSecret);

public sealed record ClientAuditDto(string ClientId, string Action, string ChangedBy, DateTimeOffset At);
