using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Stores.Database;

/// <summary>A registered user.</summary>
public sealed class UserAccount
{
    public long Id { get; set; }

    /// <summary>The user id as first seen (WeCom userid or the admin's choice).</summary>
    public required string UserId { get; set; }

    /// <summary>The canonical id (<see cref="UserIds.Canonical"/>), unique, compared byte for byte: the id every key uses.</summary>
    public required string NormalizedUserId { get; set; }

    public required string Name { get; set; }
    public required string Role { get; set; }
    public bool Disabled { get; set; }

    /// <summary>bcrypt (SHA-384 pre-hash); null when the user has no local password.</summary>
    public string? PasswordHash { get; set; }

    public string? Email { get; set; }
    public string? Mobile { get; set; }

    /// <summary>
    /// Proven: bound with a code, or taken from the WeCom directory (the company's own record of its member). An address
    /// an admin typed is not; apps see <c>email_verified</c>/<c>phone_number_verified</c> from these.
    /// </summary>
    public bool EmailVerified { get; set; }
    public bool MobileVerified { get; set; }
    public string? Category { get; set; }

    /// <summary>WeCom department ids, comma-separated.</summary>
    public string Departments { get; set; } = "";

    public string Language { get; set; } = "zh-CN";

    /// <summary>The TOTP secret, encrypted with ASP.NET Core Data Protection.</summary>
    public string? ProtectedTotpSecret { get; set; }
    public bool TotpEnabled { get; set; }

    /// <summary>A secret shown for enrolment and not yet confirmed (encrypted like the enabled one).</summary>
    public string? PendingTotpSecret { get; set; }
    public DateTimeOffset? PendingTotpCreatedAt { get; set; }

    /// <summary>An agent's availability on the desk: online, busy or offline.</summary>
    public string Status { get; set; } = AgentStatus.Offline;

    /// <summary>The last TOTP time step accepted: no step at or before it is accepted again.</summary>
    public long TotpLastStep { get; set; }

    /// <summary>
    /// Raised with every change that must end sessions (disable, role, password, TOTP, departure), in the same write: a
    /// session issued under a lower epoch is refused whether or not its revocation in the session store got through.
    /// </summary>
    public int SessionEpoch { get; set; }

    /// <summary>
    /// WeCom has known this id as a member (provisioned from it, or confirmed by it): only such users are the directory
    /// sync's to disable; a local account (the bootstrap admin, one an admin made) is never touched by a sync.
    /// </summary>
    public bool FromDirectory { get; set; }

    /// <summary>When the directory last said this id is no active member (left, disabled, unknown); null once it confirms them.</summary>
    public DateTimeOffset? DirectoryDepartedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
