namespace LoginOrchestrator.Api.Accounts;

public sealed record StatusRequest(string? Status);
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
public sealed record OtpCodeRequest(string? Code);
public sealed record EnrolmentDto(string Secret, string OtpauthUri, string QrCodePng);
public sealed record RecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);
public sealed record CreateUserRequest(string? UserId, string? Name, string? Role, string? Email, string? Mobile, string? Password);
public sealed record UpdateUserRequest(string? Role, bool? Disabled);
