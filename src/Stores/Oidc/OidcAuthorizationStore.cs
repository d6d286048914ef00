using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Stores.Oidc;

/// <summary>OpenIddict's authorizations (a user's grant to a client), in <c>oidc_authorization</c>.</summary>
public sealed class OidcAuthorizationStore(LoginDbContext db) : IOpenIddictAuthorizationStore<OidcAuthorizationRecord>
{
    private IQueryable<OidcAuthorizationRecord> Authorizations => db.OidcAuthorizations;

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) => await Authorizations.LongCountAsync(cancellationToken);

    public async ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcAuthorizationRecord>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        await query(Authorizations).LongCountAsync(cancellationToken);

    public async ValueTask CreateAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken)
    {
        db.OidcAuthorizations.Add(authorization);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Its tokens go with it (a cascading foreign key).</summary>
    public ValueTask DeleteAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken) =>
        OidcStoreWrites.DeleteAsync(db, authorization, cancellationToken);

    public async IAsyncEnumerable<OidcAuthorizationRecord> FindAsync(
        string? subject, string? client, string? status, string? type, ImmutableArray<string>? scopes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var authorization in Matching(subject, client, status, type).AsAsyncEnumerable().WithCancellation(cancellationToken))
            if (scopes is not { } wanted || OidcJson.Strings(authorization.Scopes).ToHashSet(StringComparer.Ordinal).IsSupersetOf(wanted))
                yield return authorization;
    }

    private IQueryable<OidcAuthorizationRecord> Matching(string? subject, string? client, string? status, string? type)
    {
        var query = Authorizations;
        if (subject is not null) query = query.Where(a => a.Subject == subject);
        if (client is not null) query = query.Where(a => a.ApplicationId == client);
        if (status is not null) query = query.Where(a => a.Status == status);
        if (type is not null) query = query.Where(a => a.Type == type);
        return query;
    }

    public IAsyncEnumerable<OidcAuthorizationRecord> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        Authorizations.Where(a => a.ApplicationId == identifier).AsAsyncEnumerable();

    public async ValueTask<OidcAuthorizationRecord?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        await db.OidcAuthorizations.FirstOrDefaultAsync(a => a.Id == identifier, cancellationToken);

    public IAsyncEnumerable<OidcAuthorizationRecord> FindBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        Authorizations.Where(a => a.Subject == subject).AsAsyncEnumerable();

    public ValueTask<string?> GetApplicationIdAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken) => new(authorization.ApplicationId);

    public async ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<OidcAuthorizationRecord>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        await query(Authorizations, state).FirstOrDefaultAsync(cancellationToken);

    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken) => new(authorization.CreationDate);
    public ValueTask<string?> GetIdAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken) => new(authorization.Id);
    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken) =>
        new(OidcJson.Properties(authorization.Properties));
    public ValueTask<ImmutableArray<string>> GetScopesAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken) =>
        new(OidcJson.Strings(authorization.Scopes));
    public ValueTask<string?> GetStatusAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken) => new(authorization.Status);
    public ValueTask<string?> GetSubjectAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken) => new(authorization.Subject);
    public ValueTask<string?> GetTypeAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken) => new(authorization.Type);

    public ValueTask<OidcAuthorizationRecord> InstantiateAsync(CancellationToken cancellationToken) => new(new OidcAuthorizationRecord());

    public IAsyncEnumerable<OidcAuthorizationRecord> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        OidcStoreWrites.Page(Authorizations.OrderBy(a => a.Id), count, offset);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<OidcAuthorizationRecord>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        query(Authorizations, state).AsAsyncEnumerable();

    /// <summary>
    /// Ends what is over: authorizations no longer valid, and ad-hoc ones (made for one login) with no token left, once
    /// older than <paramref name="threshold"/>.
    /// </summary>
    public async ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        var stale = await Authorizations
            .Where(a => a.CreationDate < threshold)
            .Where(a => a.Status != Statuses.Valid || (a.Type == AuthorizationTypes.AdHoc && !db.OidcTokens.Any(t => t.AuthorizationId == a.Id)))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        long removed = 0;
        foreach (var batch in stale.Chunk(500))
            removed += await db.OidcAuthorizations.Where(a => batch.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }

    public async ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) =>
        await Revoke(Matching(subject, client, status, type), cancellationToken);

    public async ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        await Revoke(Authorizations.Where(a => a.ApplicationId == identifier), cancellationToken);

    public async ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        await Revoke(Authorizations.Where(a => a.Subject == subject), cancellationToken);

    private static Task<int> Revoke(IQueryable<OidcAuthorizationRecord> query, CancellationToken cancellationToken)
    {
        var concurrencyToken = Guid.NewGuid().ToString();
        return query.Where(a => a.Status != Statuses.Revoked).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, Statuses.Revoked)
            .SetProperty(a => a.ConcurrencyToken, concurrencyToken), cancellationToken);
    }

    public ValueTask SetApplicationIdAsync(OidcAuthorizationRecord authorization, string? identifier, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => authorization.ApplicationId = identifier);
    public ValueTask SetCreationDateAsync(OidcAuthorizationRecord authorization, DateTimeOffset? date, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => authorization.CreationDate = date);
    public ValueTask SetPropertiesAsync(OidcAuthorizationRecord authorization, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => authorization.Properties = OidcJson.Properties(properties));
    public ValueTask SetScopesAsync(OidcAuthorizationRecord authorization, ImmutableArray<string> scopes, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => authorization.Scopes = OidcJson.Strings(scopes));
    public ValueTask SetStatusAsync(OidcAuthorizationRecord authorization, string? status, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => authorization.Status = status);
    public ValueTask SetSubjectAsync(OidcAuthorizationRecord authorization, string? subject, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => authorization.Subject = subject);
    public ValueTask SetTypeAsync(OidcAuthorizationRecord authorization, string? type, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => authorization.Type = type);

    public ValueTask UpdateAsync(OidcAuthorizationRecord authorization, CancellationToken cancellationToken)
    {
        db.Attach(authorization);
        db.Update(authorization);
        return OidcStoreWrites.SaveAsync(db, authorization, token => authorization.ConcurrencyToken = token, cancellationToken);
    }
}
