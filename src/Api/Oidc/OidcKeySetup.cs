using LoginOrchestrator.Stores.Oidc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// Gives OpenIddict the key ring's keys, current first, and rebuilds its options when the ring changes: a rotation
/// takes effect on a running instance, with nothing restarted.
/// </summary>
public sealed class OidcKeySetup(OidcKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    private static readonly Lazy<OidcKeySet> Placeholder = new(() =>
    {
        var key = new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "placeholder" };
        return new OidcKeySet([key], [key]);
    });

    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => ring.Changes;

    public void Configure(OpenIddictServerOptions options)
    {
        // OpenIddict reads its options on every request (to see whether the path is one of its endpoints). Until the key
        // ring is loaded (no database at start), a throwaway key stands in: the key gate answers 503 for every OpenID
        // Connect path meanwhile, so it never signs anything, and the ring's first load rebuilds these options.
        var keys = ring.Current ?? Placeholder.Value;
        options.SigningCredentials.Clear();
        options.EncryptionCredentials.Clear();
        foreach (var key in keys.Signing) options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        foreach (var key in keys.Encryption)
            options.EncryptionCredentials.Add(new EncryptingCredentials(key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}

/// <summary>Looks at the key ring hourly (a new period's key, made by whichever instance came first).</summary>
public sealed class OidcKeyRefresher(OidcKeyRing ring, TimeProvider time, ILogger<OidcKeyRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Soon while the start found no database; hourly once the keys are in.
            await Task.Delay(ring.Current is null ? RetryInterval : Interval, time, stoppingToken);
            try
            {
                await ring.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (Stores.DependencyFailure.Is(e))
            {
                logger.LogWarning("The OpenID Connect keys could not be refreshed now ({Error}); the loaded ones stay in use", e.GetBaseException().Message);
            }
        }
    }
}
