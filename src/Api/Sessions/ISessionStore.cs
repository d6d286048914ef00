namespace LoginOrchestrator.Api.Sessions;

/// <summary>Where sessions live; the Redis store shares them between instances.</summary>
public interface ISessionStore
{
    Task CreateAsync(SessionRecord session, CancellationToken cancellationToken);

    Task<SessionRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Records activity, sliding the idle timeout.</summary>
    Task TouchAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces what the session still has to do (an enrolment done clears <c>enrol_otp</c>).</summary>
    Task SetRequiredActionsAsync(string tokenHash, IReadOnlyList<string> requiredActions, CancellationToken cancellationToken);

    Task RevokeAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Revokes every session of the user except <paramref name="keepTokenHash"/>.</summary>
    Task<int> RevokeUserAsync(string userId, string? keepTokenHash, CancellationToken cancellationToken);
}
