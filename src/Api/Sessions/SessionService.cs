using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Api.Sessions;

/// <summary>Issues and checks opaque session tokens: 32 random bytes, base64url, stored under their SHA-256 only.</summary>
public sealed class SessionService(ISessionStore store, TimeProvider time) : ISessionIssuer
{
    public async Task<IssuedSession> IssueAsync(SessionGrant grant, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var expiresAt = now + grant.AbsoluteLifetime;
        await store.CreateAsync(new SessionRecord(
            HashOf(token), grant.UserId, grant.Name, grant.Roles, [.. grant.Factors.Select(FlowNames.Factor)],
            grant.Degraded, grant.RequiredActions, now, expiresAt, grant.IdleTimeout, now), cancellationToken);
        return new IssuedSession(token, expiresAt);
    }

    /// <summary>The live session of a token, its idle timeout slid forward; null for anything else.</summary>
    public async Task<SessionRecord?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 128) return null;
        var hash = HashOf(token);
        var session = await store.FindAsync(hash, cancellationToken);
        if (session is null) return null;
        await store.TouchAsync(hash, time.GetUtcNow(), cancellationToken);
        return session;
    }

    public Task RevokeAsync(string tokenHash, CancellationToken cancellationToken) => store.RevokeAsync(tokenHash, cancellationToken);

    /// <summary>Every other session of the user dies (a password or TOTP change); the one making the change lives on.</summary>
    public Task<int> RevokeOthersAsync(string userId, string currentTokenHash, CancellationToken cancellationToken) =>
        store.RevokeUserAsync(userId, currentTokenHash, cancellationToken);

    public Task SetRequiredActionsAsync(string tokenHash, IReadOnlyList<string> requiredActions, CancellationToken cancellationToken) =>
        store.SetRequiredActionsAsync(tokenHash, requiredActions, cancellationToken);

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
