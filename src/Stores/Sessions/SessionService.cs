using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Stores.Sessions;

/// <summary>
/// Issues and checks opaque session tokens: 32 random bytes, base64url, stored under their SHA-256 only. A session is
/// good while it lives in the store and its epoch is not below its user's (<see cref="SessionEpochs"/>).
/// </summary>
public sealed class SessionService(ISessionStore store, SessionEpochs epochs, TimeProvider time, ILogger<SessionService> logger) : ISessionIssuer
{
    public async Task<IssuedSession> IssueAsync(SessionGrant grant, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var expiresAt = now + grant.AbsoluteLifetime;
        await store.CreateAsync(new SessionRecord(
            HashOf(token), grant.UserId, grant.Name, grant.Roles, [.. grant.Factors.Select(FlowNames.Factor)],
            grant.Degraded, grant.RequiredActions, now, expiresAt, grant.IdleTimeout, now, grant.Epoch), cancellationToken);
        return new IssuedSession(token, expiresAt);
    }

    /// <summary>The live session of a token, its idle timeout slid forward; null for anything else.</summary>
    public async Task<SessionRecord?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 128) return null;
        var hash = HashOf(token);
        var session = await store.FindAsync(hash, cancellationToken);
        if (session is null) return null;
        if (await epochs.CurrentAsync(session.UserId, cancellationToken) is not { } epoch || session.Epoch < epoch)
        {
            logger.LogInformation("A session of {UserId} was refused: revoked by a change to the account", session.UserId);
            await store.RevokeAsync(hash, cancellationToken);
            return null;
        }
        await store.TouchAsync(session, time.GetUtcNow(), cancellationToken);
        return session;
    }

    public Task RevokeAsync(string tokenHash, CancellationToken cancellationToken) => store.RevokeAsync(tokenHash, cancellationToken);

    public Task SetRequiredActionsAsync(string tokenHash, IReadOnlyList<string> requiredActions, CancellationToken cancellationToken) =>
        store.ChangeAsync(tokenHash, session => session with { RequiredActions = requiredActions }, cancellationToken);

    /// <summary>
    /// A change by the signed-in user that ends their other sessions (password, TOTP on or off), in the one order that
    /// holds: the session making it is carried past the epoch first (if the change then fails, an epoch ahead does no
    /// harm), the epoch is raised in the change's own write, and only then are the other sessions deleted, best effort.
    /// </summary>
    /// <param name="write">Saves the change, <paramref name="user"/>'s raised epoch with it.</param>
    /// <returns>How many other sessions were deleted.</returns>
    public async Task<int> EndOtherSessionsAsync(SessionRecord current, UserAccount user, Func<Task> write, CancellationToken cancellationToken)
    {
        var epoch = user.SessionEpoch + 1;
        await store.ChangeAsync(current.TokenHash, session => session with { Epoch = Math.Max(session.Epoch, epoch) }, cancellationToken);
        user.SessionEpoch = epoch;
        await write();
        return await RevokeAfterEpochAsync(user.UserId, current.TokenHash, cancellationToken);
    }

    /// <summary>
    /// Deletes the sessions an epoch change has already made useless; a failure here is logged, not raised: the epoch
    /// refuses them anyway, and their keys expire by themselves.
    /// </summary>
    public async Task<int> RevokeAfterEpochAsync(string userId, string? keepTokenHash, CancellationToken cancellationToken)
    {
        epochs.Forget(userId);
        try
        {
            return await store.RevokeUserAsync(userId, keepTokenHash, cancellationToken);
        }
        catch (Exception e) when (DependencyFailure.Is(e))
        {
            logger.LogWarning("Sessions of {UserId} could not be deleted now ({Error}); their epoch refuses them already", userId, e.GetBaseException().Message);
            return 0;
        }
    }

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
