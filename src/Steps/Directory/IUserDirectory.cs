namespace LoginOrchestrator.Steps.Directory;

/// <summary>A member of the corporate directory (WeCom <c>user/get</c>).</summary>
public sealed record DirectoryUser(string UserId, string Name, IReadOnlyList<string> Departments, string? Email, string? Mobile);

/// <summary>What the directory said about a user id or an OAuth code.</summary>
public abstract record DirectoryAnswer
{
    private DirectoryAnswer() { }

    public sealed record Confirmed(DirectoryUser User) : DirectoryAnswer;

    /// <summary>Unknown, disabled, departed, or an OAuth code that is not a member's: one answer for all.</summary>
    /// <param name="UserId">For a disabled or departed member: their id, whose sessions must die.</param>
    public sealed record Rejected(bool Disabled, string? UserId = null) : DirectoryAnswer;

    /// <summary>Timeouts, network errors, WeCom's system errors.</summary>
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
