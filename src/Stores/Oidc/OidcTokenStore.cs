using System.Collections.Immutable;
using System.Text.Json;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Stores.Oidc;

/// <summary>OpenIddict's codes and tokens, in <c>oidc_token</c>.</summary>
public sealed class OidcTokenStore(LoginDbContext db, TimeProvider time) : IOpenIddictTokenStore<OidcTokenRecord>
{
    private IQueryable<OidcTokenRecord> Tokens => db.OidcTokens;

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) => await Tokens.LongCountAsync(cancellationToken);

    public async ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcTokenRecord>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        await query(Tokens).LongCountAsync(cancellationToken);

    public async ValueTask CreateAsync(OidcTokenRecord token, CancellationToken cancellationToken)
    {
        db.OidcTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
    }

    public ValueTask DeleteAsync(OidcTokenRecord token, CancellationToken cancellationToken) => OidcStoreWrites.DeleteAsync(db, token, cancellationToken);

    public IAsyncEnumerable<OidcTokenRecord> FindAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) =>
        Matching(subject, client, status, type).AsAsyncEnumerable();

    private IQueryable<OidcTokenRecord> Matching(string? subject, string? client, string? status, string? type)
    {
        var query = Tokens;
        if (subject is not null) query = query.Where(t => t.Subject == subject);
        if (client is not null) query = query.Where(t => t.ApplicationId == client);
        if (status is not null) query = query.Where(t => t.Status == status);
        if (type is not null) query = query.Where(t => t.Type == type);
        return query;
    }

    public IAsyncEnumerable<OidcTokenRecord> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        Tokens.Where(t => t.ApplicationId == identifier).AsAsyncEnumerable();

    public IAsyncEnumerable<OidcTokenRecord> FindByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken) =>
        Tokens.Where(t => t.AuthorizationId == identifier).AsAsyncEnumerable();

    public async ValueTask<OidcTokenRecord?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        await db.OidcTokens.FirstOrDefaultAsync(t => t.Id == identifier, cancellationToken);

    public async ValueTask<OidcTokenRecord?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken) =>
        await db.OidcTokens.FirstOrDefaultAsync(t => t.ReferenceId == identifier, cancellationToken);

    public IAsyncEnumerable<OidcTokenRecord> FindBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        Tokens.Where(t => t.Subject == subject).AsAsyncEnumerable();

    public async ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<OidcTokenRecord>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        await query(Tokens, state).FirstOrDefaultAsync(cancellationToken);

    public ValueTask<string?> GetApplicationIdAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.ApplicationId);
    public ValueTask<string?> GetAuthorizationIdAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.AuthorizationId);
    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.CreationDate);
    public ValueTask<DateTimeOffset?> GetExpirationDateAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.ExpirationDate);
    public ValueTask<string?> GetIdAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.Id);
    public ValueTask<string?> GetPayloadAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.Payload);
    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcTokenRecord token, CancellationToken cancellationToken) =>
        new(OidcJson.Properties(token.Properties));
    public ValueTask<DateTimeOffset?> GetRedemptionDateAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.RedemptionDate);
    public ValueTask<string?> GetReferenceIdAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.ReferenceId);
    public ValueTask<string?> GetStatusAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.Status);
    public ValueTask<string?> GetSubjectAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.Subject);
    public ValueTask<string?> GetTypeAsync(OidcTokenRecord token, CancellationToken cancellationToken) => new(token.Type);

    public ValueTask<OidcTokenRecord> InstantiateAsync(CancellationToken cancellationToken) => new(new OidcTokenRecord());

    public IAsyncEnumerable<OidcTokenRecord> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        OidcStoreWrites.Page(Tokens.OrderBy(t => t.Id), count, offset);

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<OidcTokenRecord>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        query(Tokens, state).AsAsyncEnumerable();

    /// <summary>
    /// Removes, once older than <paramref name="threshold"/>, what can no longer be used: tokens expired, redeemed or
    /// revoked, or whose authorization is no longer valid. A redeemed refresh token is kept until then: presented
    /// again, it is what tells a replay (and revokes the chain).
    /// </summary>
    public async ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await Tokens
            .Where(t => t.CreationDate < threshold)
            .Where(t => (t.Status != Statuses.Inactive && t.Status != Statuses.Valid)
                || t.ExpirationDate < now
                || db.OidcAuthorizations.Any(a => a.Id == t.AuthorizationId && a.Status != Statuses.Valid))
            .ExecuteDeleteAsync(cancellationToken);
    }

    public async ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) =>
        await Revoke(Matching(subject, client, status, type), cancellationToken);

    public async ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        await Revoke(Tokens.Where(t => t.ApplicationId == identifier), cancellationToken);

    public async ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken) =>
        await Revoke(Tokens.Where(t => t.AuthorizationId == identifier), cancellationToken);

    public async ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        await Revoke(Tokens.Where(t => t.Subject == subject), cancellationToken);

    private static Task<int> Revoke(IQueryable<OidcTokenRecord> query, CancellationToken cancellationToken)
    {
        var concurrencyToken = Guid.NewGuid().ToString();
        return query.Where(t => t.Status != Statuses.Revoked).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, Statuses.Revoked)
            .SetProperty(t => t.ConcurrencyToken, concurrencyToken), cancellationToken);
    }

    public ValueTask SetApplicationIdAsync(OidcTokenRecord token, string? identifier, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.ApplicationId = identifier);
    public ValueTask SetAuthorizationIdAsync(OidcTokenRecord token, string? identifier, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.AuthorizationId = identifier);
    public ValueTask SetCreationDateAsync(OidcTokenRecord token, DateTimeOffset? date, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.CreationDate = date);
    public ValueTask SetExpirationDateAsync(OidcTokenRecord token, DateTimeOffset? date, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.ExpirationDate = date);
    public ValueTask SetPayloadAsync(OidcTokenRecord token, string? payload, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.Payload = payload);
    public ValueTask SetPropertiesAsync(OidcTokenRecord token, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        OidcStoreWrites.Set(() => token.Properties = OidcJson.Properties(properties));
    public ValueTask SetRedemptionDateAsync(OidcTokenRecord token, DateTimeOffset? date, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.RedemptionDate = date);
    public ValueTask SetReferenceIdAsync(OidcTokenRecord token, string? identifier, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.ReferenceId = identifier);
    public ValueTask SetStatusAsync(OidcTokenRecord token, string? status, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.Status = status);
    public ValueTask SetSubjectAsync(OidcTokenRecord token, string? subject, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.Subject = subject);
    public ValueTask SetTypeAsync(OidcTokenRecord token, string? type, CancellationToken cancellationToken) => OidcStoreWrites.Set(() => token.Type = type);

    public ValueTask UpdateAsync(OidcTokenRecord token, CancellationToken cancellationToken)
    {
        db.Attach(token);
        db.Update(token);
        return OidcStoreWrites.SaveAsync(db, token, value => token.ConcurrencyToken = value, cancellationToken);
    }
}
