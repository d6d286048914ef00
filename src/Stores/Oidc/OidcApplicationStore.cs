using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;

namespace LoginOrchestrator.Stores.Oidc;

/// <summary>OpenIddict's clients, in <c>oidc_application</c>.</summary>
public sealed class OidcApplicationStore(LoginDbContext db) : IOpenIddictApplicationStore<OidcApplicationRecord>
{
    private IQueryable<OidcApplicationRecord> Applications => db.OidcApplications;

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) => await Applications.LongCountAsync(cancellationToken);

    public async ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcApplicationRecord>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        await query(Applications).LongCountAsync(cancellationToken);

    public async ValueTask CreateAsync(OidcApplicationRecord application, CancellationToken cancellationToken)
    {
        db.OidcApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Its authorizations and tokens go with it (cascading foreign keys).</summary>
    public ValueTask DeleteAsync(OidcApplicationRecord application, CancellationToken cancellationToken) =>
        OidcStoreWrites.DeleteAsync(db, application, cancellationToken);

    public async ValueTask<OidcApplicationRecord?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        await db.OidcApplications.FirstOrDefaultAsync(a => a.Id == identifier, cancellationToken);

    public async ValueTask<OidcApplicationRecord?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) =>
        await db.OidcApplications.FirstOrDefaultAsync(a => a.ClientId == identifier, cancellationToken);

    public IAsyncEnumerable<OidcApplicationRecord> FindByPostLogoutRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        HavingUriAsync(uri, a => a.PostLogoutRedirectUris, cancellationToken);

    public IAsyncEnumerable<OidcApplicationRecord> FindByRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        HavingUriAsync(uri, a => a.RedirectUris, cancellationToken);

    /// <summary>Compared exactly, in memory: clients are few, and JSON escaping makes a text search miss.</summary>
    private async IAsyncEnumerable<OidcApplicationRecord> HavingUriAsync(
        string uri, Func<OidcApplicationRecord, string?> list, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var application in db.OidcApplications.AsAsyncEnumerable().WithCancellation(cancellationToken))
            if (OidcJson.Strings(list(application)).Contains(uri, StringComparer.Ordinal)) yield return application;
    }

    public async ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<OidcApplicationRecord>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        await query(Applications.AsTracking(), state).FirstOrDefaultAsync(cancellationToken);

    public ValueTask<string?> GetApplicationTypeAsync(OidcApplicationRecord application, CancellationToken cancellationToken) => new(application.ApplicationType);
    public ValueTask<string?> GetClientIdAsync(OidcApplicationRecord application, CancellationToken cancellationToken) => new(application.ClientId);
    public ValueTask<string?> GetClientSecretAsync(OidcApplicationRecord application, CancellationToken cancellationToken) => new(application.ClientSecret);
    public ValueTask<string?> GetClientTypeAsync(OidcApplicationRecord application, CancellationToken cancellationToken) => new(application.ClientType);
    public ValueTask<string?> GetConsentTypeAsync(OidcApplicationRecord application, CancellationToken cancellationToken) => new(application.ConsentType);
    public ValueTask<string?> GetDisplayNameAsync(OidcApplicationRecord application, CancellationToken cancellationToken) => new(application.DisplayName);
    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(OidcApplicationRecord application, CancellationToken cancellationToken) =>
        new(OidcJson.Cultures(application.DisplayNames));
    public ValueTask<string?> GetIdAsync(OidcApplicationRecord application, CancellationToken cancellationToken) => new(application.Id);
    public ValueTask<JsonWebKeySet?> GetJsonWebKeySetAsync(OidcApplicationRecord application, CancellationToken cancellationToken) =>
        new(application.JsonWebKeySet is { Length: > 0 } set ? JsonWebKeySet.Create(set) : null);
    public ValueTask<ImmutableArray<string>> GetPermissionsAsync(OidcApplicationRecord application, CancellationToken cancellationToken) =>
        new(OidcJson.Strings(application.Permissions));
    public ValueTask<ImmutableArray<string>> GetPostLogoutRedirectUrisAsync(OidcApplicationRecord application, CancellationToken cancellationToken) =>
        new(OidcJson.Strings(application.PostLogoutRedirectUris));
    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcApplicationRecord application, CancellationToken cancellationToken) =>
        new(OidcJson.Properties(application.Properties));
    public ValueTask<ImmutableArray<string>> GetRedirectUrisAsync(OidcApplicationRecord application, CancellationToken cancellationToken) =>
        new(OidcJson.Strings(application.RedirectUris));
    public ValueTask<ImmutableArray<string>> GetRequirementsAsync(OidcApplicationRecord application, CancellationToken cancellationToken) =>
        new(OidcJson.Strings(application.Requirements));
    public ValueTask<ImmutableDictionary<string, string>> GetSettingsAsync(OidcApplicationRecord application, CancellationToken cancellationToken) =>
        new(OidcJson.Map(application.Settings));

    public ValueTask<OidcApplicationRecord> InstantiateAsync(CancellationToken cancellationToken) => new(new OidcApplicationRecord());

    public IAsyncEnumerable<OidcApplicationRecord> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        OidcStoreWrites.Page(Applications.OrderBy(a => a.Id), count, offset);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<OidcApplicationRecord>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        query(Applications.AsTracking(), state).AsAsyncEnumerable();

    public ValueTask SetApplicationTypeAsync(OidcApplicationRecord application, string? type, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => application.ApplicationType = type);
    public ValueTask SetClientIdAsync(OidcApplicationRecord application, string? identifier, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => application.ClientId = identifier);
    public ValueTask SetClientSecretAsync(OidcApplicationRecord application, string? secret, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => application.ClientSecret = secret);
    public ValueTask SetClientTypeAsync(OidcApplicationRecord application, string? type, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => application.ClientType = type);
    public ValueTask SetConsentTypeAsync(OidcApplicationRecord application, string? type, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => application.ConsentType = type);
    public ValueTask SetDisplayNameAsync(OidcApplicationRecord application, string? name, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => application.DisplayName = name);
    public ValueTask SetDisplayNamesAsync(OidcApplicationRecord application, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => application.DisplayNames = OidcJson.Cultures(names));
    public ValueTask SetJsonWebKeySetAsync(OidcApplicationRecord application, JsonWebKeySet? set, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => application.JsonWebKeySet = set is null ? null : JsonSerializer.Serialize(set));
    public ValueTask SetPermissionsAsync(OidcApplicationRecord application, ImmutableArray<string> permissions, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => application.Permissions = OidcJson.Strings(permissions));
    public ValueTask SetPostLogoutRedirectUrisAsync(OidcApplicationRecord application, ImmutableArray<string> uris, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => application.PostLogoutRedirectUris = OidcJson.Strings(uris));
    public ValueTask SetPropertiesAsync(OidcApplicationRecord application, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => application.Properties = OidcJson.Properties(properties));
    public ValueTask SetRedirectUrisAsync(OidcApplicationRecord application, ImmutableArray<string> uris, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => application.RedirectUris = OidcJson.Strings(uris));
    public ValueTask SetRequirementsAsync(OidcApplicationRecord application, ImmutableArray<string> requirements, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => application.Requirements = OidcJson.Strings(requirements));
    public ValueTask SetSettingsAsync(OidcApplicationRecord application, ImmutableDictionary<string, string> settings, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => application.Settings = OidcJson.Map(settings));

    public ValueTask UpdateAsync(OidcApplicationRecord application, CancellationToken cancellationToken)
    {
        db.Attach(application);
        db.Update(application);
        return OidcStoreWrites.SaveAsync(db, application, token => application.ConcurrencyToken = token, cancellationToken);
    }
}
