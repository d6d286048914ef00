namespace LoginOrchestrator.Stores.Database;

/// <summary>
/// One audit event: a login's (or recovery's) terminal outcome, an action on an account by its user, or an admin's
/// action (or the directory sync's). <see cref="Kind"/> tells which; one table, so one time line reads them all.
/// </summary>
public sealed class LoginAuditRecord
{
    public long Id { get; set; }

    /// <summary>The flow; for an action, what it was done to (a session, a user, a setting <c>namespace.key</c>, a client…).</summary>
    public required string FlowId { get; set; }

    /// <summary>The user it concerns: who logged in, or the user an action was done to.</summary>
    public string? UserId { get; set; }

    /// <summary><see cref="AuditKinds"/>: login, account or admin.</summary>
    public string Kind { get; set; } = AuditKinds.Login;

    /// <summary>Issued, Failed, Locked or Expired for a login; the action's name otherwise (UserUpdated, SettingChanged…).</summary>
    public required string Outcome { get; set; }

    /// <summary>Factors proven, comma-separated (api.md names).</summary>
    public string Factors { get; set; } = "";
    public bool Degraded { get; set; }
    public string? Reason { get; set; }

    /// <summary>Who acted: the admin's user id, the user for their own account, <c>system</c> for a scheduled job.</summary>
    public string? Actor { get; set; }

    /// <summary>What <see cref="FlowId"/> names for an action: user, session, device, setting, client, api_key, directory.</summary>
    public string? TargetType { get; set; }

    /// <summary>The target as it was before and after the action (JSON, never a secret); null where there is none.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }

    public string? ClientIp { get; set; }
    public string? UserAgent { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The kinds of audit events.</summary>
public static class AuditKinds
{
    public const string Login = "login";
    public const string Account = "account";
    public const string Admin = "admin";
    public static IReadOnlyList<string> All { get; } = [Login, Account, Admin];
}
