namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Where sessions live; the Redis store shares them between instances.</summary>
public interface ISessionStore
{
    Task CreateAsync(SessionRecord session, CancellationToken cancellationToken);

    Task<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Records activity, sliding the idle timeout of a session just found.</summary>
    Task TouchAsync(SessionRecord session, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Changes what a session carries (required actions, epoch); its activity and lifetime stay as they are.</summary>
    Task ChangeAsync(string tokenHash, Func<SessionRecord, SessionRecord> change, CancellationToken cancellationToken);

    Task RevokeAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>The user's sessions still in the store (some may be past their idle end; the caller checks).</summary>
    Task<IReadOnlyList<SessionRecord>> ListUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Revokes every session of the user except <paramref name="keepTokenHash"/>.</summary>
    Task<int> RevokeUserAsync(string userId, string? keepTokenHash, CancellationToken cancellationToken);
}
