namespace LoginOrchestrator.Api.Accounts;

/// <summary>Problem codes of the account and user endpoints, added to api.md's list.</summary>
public static class AccountCodes
{
    public const string OtpAlreadyEnabled = "otp_already_enabled";
    public const string OtpNotEnabled = "otp_not_enabled";
    public const string OtpNotPending = "otp_not_pending";
    public const string UserNotFound = "user_not_found";
    public const string UserExists = "user_exists";
    public const string LastAdmin = "last_admin";
    public const string ContactTaken = "contact_taken";
}
