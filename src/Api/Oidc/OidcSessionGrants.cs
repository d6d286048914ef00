using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Sessions;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// Ends what apps hold from a session when it ends (logout, admin revoke, disable, a password change): the ad-hoc
/// authorizations made from it, and with them every code and refresh token. A consent (a permanent authorization) stays.
/// </summary>
public sealed class OidcSessionGrants(IServiceScopeFactory scopes) : ISessionGrantRevocation
{
    /// <summary>The authorization property naming the session (its public id) it was made from.</summary>
    public const string SessionProperty = "session";

    public Task RevokeSessionAsync(string userId, string tokenHash, CancellationToken cancellationToken)
    {
        var sid = SessionIds.Of(tokenHash);
        return RevokeAsync(userId, session => session == sid, cancellationToken);
    }

    public Task RevokeUserAsync(string userId, string? keepTokenHash, CancellationToken cancellationToken)
    {
        var keep = keepTokenHash is null ? null : SessionIds.Of(keepTokenHash);
        return RevokeAsync(userId, session => session is not null && session != keep, cancellationToken);
    }

    private async Task RevokeAsync(string userId, Func<string?, bool> revokes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var ended = new List<string>();
        await foreach (var authorization in authorizations.FindAsync(userId, client: null, Statuses.Valid, AuthorizationTypes.AdHoc, scopes: null, cancellationToken))
        {
            var properties = await authorizations.GetPropertiesAsync(authorization, cancellationToken);
            var session = properties.TryGetValue(SessionProperty, out var value) ? value.GetString() : null;
            if (revokes(session) && await authorizations.GetIdAsync(authorization, cancellationToken) is { } id) ended.Add(id);
        }
        foreach (var id in ended)
        {
            if (await authorizations.FindByIdAsync(id, cancellationToken) is { } authorization) await authorizations.TryRevokeAsync(authorization, cancellationToken);
            await tokens.RevokeByAuthorizationIdAsync(id, cancellationToken);
        }
    }
}
