using LoginOrchestrator.Stores.Database;

namespace LoginOrchestrator.Api.AdminUsers;

/// <summary>A user as an admin event records them before and after: what an admin can change, and no secret.</summary>
public sealed record UserSnapshot(
    string Name, string Role, bool Disabled, string? Category, IReadOnlyList<string> Departments,
    string? Email, bool EmailVerified, string? Mobile, bool MobileVerified, bool HasPassword, bool TotpEnabled)
{
    public static UserSnapshot Of(UserAccount user) => new(
        user.Name, user.Role, user.Disabled, user.Category, user.Departments.Split(',', StringSplitOptions.RemoveEmptyEntries),
        user.Email, user.EmailVerified, user.Mobile, user.MobileVerified, user.PasswordHash is not null, user.TotpEnabled);
}
