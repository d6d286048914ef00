namespace LoginOrchestrator.Stores.Oidc;

// The rows behind OpenIddict's managers (our own: OpenIddict's EF Core stores need EF Core 10, we are on 9). Lists and
// maps are JSON text, as OpenIddict's own stores keep them; ConcurrencyToken makes a racing second write fail.

/// <summary>A registered client (relying party).</summary>
public sealed class OidcApplicationRecord
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string? ApplicationType { get; set; }
    public string? ClientId { get; set; }
    /// <summary>The secret's hash (OpenIddict hashes it before the store sees it); null for a public client.</summary>
    public string? ClientSecret { get; set; }
    public string? ClientType { get; set; }
    public string? ConsentType { get; set; }
    public string? DisplayName { get; set; }
    public string? DisplayNames { get; set; }
    public string? JsonWebKeySet { get; set; }
    public string? Permissions { get; set; }
    public string? PostLogoutRedirectUris { get; set; }
    public string? Properties { get; set; }
    public string? RedirectUris { get; set; }
    public string? Requirements { get; set; }
    public string? Settings { get; set; }
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString();
}

/// <summary>A user's grant to a client; its tokens hang off it, and die with it.</summary>
public sealed class OidcAuthorizationRecord
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string? ApplicationId { get; set; }
    public DateTimeOffset? CreationDate { get; set; }
    public string? Properties { get; set; }
    public string? Scopes { get; set; }
    public string? Status { get; set; }
    public string? Subject { get; set; }
    public string? Type { get; set; }
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString();
}

/// <summary>An issued code or token, by its id: what makes redemption one-time and revocation possible.</summary>
public sealed class OidcTokenRecord
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string? ApplicationId { get; set; }
    public string? AuthorizationId { get; set; }
    public DateTimeOffset? CreationDate { get; set; }
    public DateTimeOffset? ExpirationDate { get; set; }
    public string? Payload { get; set; }
    public string? Properties { get; set; }
    public DateTimeOffset? RedemptionDate { get; set; }
    public string? ReferenceId { get; set; }
    public string? Status { get; set; }
    public string? Subject { get; set; }
    public string? Type { get; set; }
    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString();
}

/// <summary>A signing or encryption key of the provider, its private part encrypted with the Data Protection key ring.</summary>
public sealed class OidcKeyRecord
{
    /// <summary><c>sig-{period}</c> or <c>enc-{period}</c>: one key per use and rotation period, whoever makes it first.</summary>
    public required string Id { get; set; }
    public required string Use { get; set; }
    public long Period { get; set; }
    public required string ProtectedKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who registered, changed, re-keyed or removed a client, and when (never a secret).</summary>
public sealed class ClientAuditRecord
{
    public long Id { get; set; }
    public required string ClientId { get; set; }
    /// <summary><c>created</c>, <c>updated</c>, <c>secret_rotated</c> or <c>deleted</c>.</summary>
    public required string Action { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The client's registration after the change, as JSON.</summary>
    public string? Registration { get; set; }
}
