using LoginOrchestrator.Stores.Database;

namespace LoginOrchestrator.Api.Account;

/// <summary>A user as the user and admins see them: contacts (and whether each is proven) and factors, never a secret or hash.</summary>
public sealed record ProfileDto(
    string UserId,
    string Name,
    string Role,
    string Status,
    string? Email,
    string? Mobile,
    bool EmailVerified,
    bool MobileVerified,
    IReadOnlyList<string> Departments,
    string? Category,
    string Language,
    bool Disabled,
    bool HasPassword,
    bool TotpEnabled,
    DateTimeOffset CreatedAt)
{
    public static ProfileDto Of(UserAccount user) => new(
        user.UserId, user.Name, user.Role, user.Status, user.Email, user.Mobile, user.EmailVerified, user.MobileVerified,
        user.Departments.Split(',', StringSplitOptions.RemoveEmptyEntries), user.Category, user.Language,
        user.Disabled, user.PasswordHash is not null, user.TotpEnabled, user.CreatedAt);
}

/// <summary>A colleague as another agent sees them on <c>GET /users</c>: who, and whether they are free.</summary>
public sealed record ColleagueDto(string UserId, string Name, string Role, string Status)
{
    public static ColleagueDto Of(UserAccount user) => new(user.UserId, user.Name, user.Role, user.Status);
}
