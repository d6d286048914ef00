namespace LoginOrchestrator.Api.Account;

public sealed record StatusRequest(string? Status);
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
/// <param name="CurrentPassword">Only where a change needs a recent login (confirming a first TOTP): proof in its stead.</param>
public sealed record OtpCodeRequest(string? Code, string? CurrentPassword = null);
public sealed record ReauthenticationRequest(string? CurrentPassword);
public sealed record EnrolmentDto(string Secret, string OtpauthUri, string QrCodePng);
public sealed record RecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);
public sealed record CreateUserRequest(
    string? UserId, string? Name, string? Role, string? Email, string? Mobile, string? Password, string? Category = null, IReadOnlyList<string>? Departments = null);
/// <param name="Category">The two-factor scope's category; empty clears it.</param>
/// <param name="Departments">Ids of synced directory departments; an empty list clears them.</param>
public sealed record UpdateUserRequest(string? Role, bool? Disabled, string? Name = null, string? Category = null, IReadOnlyList<string>? Departments = null);
/// <param name="CurrentPassword">When the login is not recent: proof in its stead.</param>
public sealed record ContactChangeRequest(string? Target, string? CurrentPassword = null);
public sealed record ContactCodeRequest(string? Code);
/// <param name="Target">The new contact, unproven until a code sent to it comes back; null or empty removes it.</param>
public sealed record AdminContactRequest(string? Target);
