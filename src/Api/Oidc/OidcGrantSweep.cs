using LoginOrchestrator.Api.Hosting;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// The housekeeping's share of the provider: codes and tokens that can no longer be used (expired, redeemed, revoked),
/// and authorizations that are over, once older than a refresh token's lifetime. A redeemed refresh token is kept
/// until then: presented again, it is what tells a replay.
/// </summary>
public sealed class OidcGrantSweep(IServiceScopeFactory scopes, IOptions<OidcOptions> options, TimeProvider time) : IExpiringStore
{
    public string Name => "OpenID Connect tokens and authorizations";

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var threshold = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RefreshTokenDays);
        await using var scope = scopes.CreateAsyncScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        return (int)(tokens + authorizations);
    }
}
