namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>Roles a session can carry.</summary>
public static class Roles
{
    public const string Agent = "agent";
    public const string Admin = "admin";
    public const string Ops = "ops";

    public static IReadOnlyList<string> All { get; } = [Agent, Admin, Ops];
}

/// <summary>What the login needs to know about a registered user; no secrets.</summary>
public sealed record LoginUser
{
    public required string UserId { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public bool Disabled { get; init; }

    /// <summary>The directory's last word was "not an active member": refused while it is down, too.</summary>
    public bool LeftDirectory { get; init; }
    /// <summary>The account's session epoch at login: the session carries it (see <c>UserAccount.SessionEpoch</c>).</summary>
    public int SessionEpoch { get; init; }
    public bool HasPassword { get; init; }
    public bool TotpEnabled { get; init; }
    public string? Email { get; init; }
    public string? Mobile { get; init; }

    /// <summary>The contact was proven (bound with a code, or from the directory): recovery sends codes to proven ones only.</summary>
    public bool EmailVerified { get; init; }
    public bool MobileVerified { get; init; }
    public string? Category { get; init; }
    public IReadOnlyList<string> Departments { get; init; } = [];
    public string Language { get; init; } = "zh-CN";

    public bool IsAdmin => Role == Roles.Admin;
}
