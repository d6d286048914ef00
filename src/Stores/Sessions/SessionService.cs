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
public sealed class SessionService(
    ISessionStore store, SessionEpochs epochs, IEnumerable<ISessionGrantRevocation> grants, TimeProvider time, ILogger<SessionService> logger)
    : ISessionIssuer
{
    public PreparedSession Prepare(SessionGrant grant)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var expiresAt = now + grant.AbsoluteLifetime;
        var record = new SessionRecord(
            HashOf(token), grant.UserId, grant.Name, grant.Roles, [.. grant.Factors.Select(FlowNames.Factor)],
            grant.Degraded, grant.RequiredActions, now, expiresAt, grant.IdleTimeout, now, grant.Epoch, grant.CaptchaChannel,
            grant.Client?.IpAddress, Truncate(grant.Client?.UserAgent, 256));
        return new PreparedSession(new IssuedSession(token, expiresAt), cancellationToken => store.CreateAsync(record, cancellationToken));
    }

    /// <summary>The live session of a token, its idle timeout slid forward; null for anything else.</summary>
    public async Task<SessionRecord?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 128) return null;
        return await FindLiveAsync(HashOf(token), cancellationToken);
    }

    /// <summary>The live session stored under a token's hash (an SSO cookie's, an app's refresh token's), slid forward like <see cref="ValidateAsync"/>.</summary>
    public async Task<SessionRecord?> FindLiveAsync(string hash, CancellationToken cancellationToken)
    {
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

    /// <summary>Ends one session, and what apps were granted from it.</summary>
    public async Task RevokeAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        await store.RevokeAsync(session.TokenHash, cancellationToken);
        await RevokeGrantsAsync(session.UserId, grant => grant.RevokeSessionAsync(session.UserId, session.TokenHash, cancellationToken));
    }

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
        int revoked;
        try
        {
            revoked = await store.RevokeUserAsync(userId, keepTokenHash, cancellationToken);
        }
        catch (Exception e) when (DependencyFailure.Is(e))
        {
            logger.LogWarning("Sessions of {UserId} could not be deleted now ({Error}); their epoch refuses them already", userId, e.GetBaseException().Message);
            revoked = 0;
        }
        await RevokeGrantsAsync(userId, grant => grant.RevokeUserAsync(userId, keepTokenHash, cancellationToken));
        return revoked;
    }

    /// <summary>Best effort: a grant checks its session whenever it is used, so one left behind is refused anyway.</summary>
    private async Task RevokeGrantsAsync(string userId, Func<ISessionGrantRevocation, Task> revoke)
    {
        foreach (var grant in grants)
        {
            try
            {
                await revoke(grant);
            }
            catch (Exception e) when (DependencyFailure.Is(e))
            {
                logger.LogWarning("App grants of {UserId} could not be revoked now ({Error}); their session check refuses them", userId, e.GetBaseException().Message);
            }
        }
    }

    /// <summary>The live sessions of a user, newest first.</summary>
    public async Task<IReadOnlyList<SessionRecord>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessions = await store.ListUserAsync(userId, cancellationToken);
        return [.. sessions.Where(s => s.IsLiveAt(now)).OrderByDescending(s => s.IssuedAt)];
    }

    /// <summary>Ends the user's session of this public id (<see cref="SessionIds"/>); false when they have none such.</summary>
    public async Task<SessionRecord?> RevokeByIdAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var session = (await ListAsync(userId, cancellationToken)).FirstOrDefault(s => SessionIds.Of(s.TokenHash) == sessionId);
        if (session is not null) await RevokeAsync(session, cancellationToken);
        return session;
    }

    private static string? Truncate(string? text, int length) => text is { Length: > 0 } && text.Length > length ? text[..length] : text;

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
