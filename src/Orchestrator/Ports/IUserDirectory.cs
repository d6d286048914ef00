namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>A member of the corporate directory (WeCom <c>user/get</c>).</summary>
public sealed record DirectoryUser(string UserId, string Name, IReadOnlyList<string> Departments, string? Email, string? Mobile);

/// <summary>What the directory said about a user id or an OAuth code.</summary>
public abstract record DirectoryAnswer
{
    private DirectoryAnswer() { }

    public sealed record Confirmed(DirectoryUser User) : DirectoryAnswer;

    /// <summary>
    /// Unknown, disabled, departed, an OAuth code that is not a member's, or an error that is not "unavailable": one
    /// answer for all (the wrong-password answer).
    /// </summary>
    /// <param name="Departed">The directory says this id is not an active member (no such user, or not status 1): the
    /// verdict is kept on the account, so the member is refused while the directory is down too, and their sessions die.</param>
    /// <param name="UserId">For a departed member named by an OAuth code: their id.</param>
    public sealed record Rejected(bool Departed, string? UserId = null) : DirectoryAnswer;

    /// <summary>Timeouts, network errors, 5xx, WeCom's documented "busy" and frequency errcodes: only these degrade.</summary>
    public sealed record Unavailable(string Reason) : DirectoryAnswer;
}

/// <summary>The corporate directory the login checks users against (WeCom).</summary>
public interface IUserDirectory
{
    /// <summary>False when the deployment has no WeCom: logins take the local password path.</summary>
    bool IsConfigured { get; }

    Task<DirectoryAnswer> LookupAsync(string userId, CancellationToken cancellationToken);

    Task<DirectoryAnswer> ExchangeOAuthCodeAsync(string code, CancellationToken cancellationToken);
}
