using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Templates.Settings;

namespace LoginOrchestrator.Api.Problems;

/// <summary>Every problem code the API answers with, and the one code → status table (api.md "Errors").</summary>
public static class ProblemCodes
{
    public const string InvalidRequest = FlowCodes.InvalidRequest;
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InternalError = "internal_error";
    public const string ReauthenticationRequired = "reauthentication_required";
    public const string SettingNotFound = "setting_not_found";

    // The account and user endpoints (added to api.md's list).
    public const string OtpAlreadyEnabled = "otp_already_enabled";
    public const string OtpNotEnabled = "otp_not_enabled";
    public const string OtpNotPending = "otp_not_pending";
    public const string UserNotFound = "user_not_found";
    public const string UserExists = "user_exists";
    public const string LastAdmin = "last_admin";
    public const string ContactTaken = "contact_taken";
    public const string ClientNotFound = "client_not_found";
    public const string ClientExists = "client_exists";
    public const string SessionNotFound = "session_not_found";
    public const string DeviceNotFound = "device_not_found";
    public const string ApiKeyNotFound = "api_key_not_found";

    /// <summary>An admin's recovery needs the user's proven email: the link goes there.</summary>
    public const string ContactUnproven = "contact_unproven";
    public const string UserDisabled = "user_disabled";

    /// <summary>Passkeys: none with that id for this user; turned off in the settings; registered already.</summary>
    public const string PasskeyNotFound = "passkey_not_found";
    public const string PasskeysDisabled = "passkeys_disabled";
    public const string PasskeyExists = "passkey_exists";

    /// <summary>A directory action without WeCom configured.</summary>
    public const string DirectoryNotConfigured = "directory_not_configured";

    /// <summary>
    /// Every code a refusal can carry: the constants of this table, of the flow's codes and of the settings' problems,
    /// but those that only ever name a flow's message (<see cref="FlowCodes.MessageOnly"/>). The OpenAPI document lists them per status.
    /// </summary>
    public static readonly IReadOnlyList<string> All =
    [
        .. new[] { typeof(ProblemCodes), typeof(FlowCodes), typeof(SettingProblem) }
            .SelectMany(type => type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Where(code => !FlowCodes.MessageOnly.Contains(code))
            .Distinct(),
    ];

    public static int StatusOf(string code) => code switch
    {
        InvalidRequest => StatusCodes.Status400BadRequest,
        Unauthenticated or FlowCodes.InvalidCredentials or FlowCodes.CodeInvalid => StatusCodes.Status401Unauthorized,
        Forbidden or ReauthenticationRequired or FlowCodes.RecoveryDisabled => StatusCodes.Status403Forbidden,
        NotFound or FlowCodes.FlowNotFound or UserNotFound or SettingNotFound or ClientNotFound or SessionNotFound or DeviceNotFound or ApiKeyNotFound or PasskeyNotFound => StatusCodes.Status404NotFound,
        MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        FlowCodes.ActionNotAllowed or FlowCodes.FlowBusy or FlowCodes.TargetUnavailable
            or OtpAlreadyEnabled or OtpNotEnabled or OtpNotPending or UserExists or LastAdmin or ContactTaken or ClientExists or ContactUnproven or UserDisabled or DirectoryNotConfigured
            or PasskeysDisabled or PasskeyExists => StatusCodes.Status409Conflict,
        FlowCodes.FlowExpired or FlowCodes.CodeExpired => StatusCodes.Status410Gone,
        SettingProblem.SettingInvalid or SettingProblem.TemplateInvalid => StatusCodes.Status422UnprocessableEntity,
        FlowCodes.Locked => StatusCodes.Status423Locked,
        FlowCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        FlowCodes.DependencyUnavailable or FlowCodes.WeComUnavailable => StatusCodes.Status503ServiceUnavailable,
        InternalError => StatusCodes.Status500InternalServerError,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "A problem code without a status: add it to the table."),
    };

    /// <summary>The code of an answer the framework made (bad JSON, an unknown route, 405…), from its status.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 or 411 or 413 or 414 or 415 or 431 => InvalidRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => FlowCodes.ActionNotAllowed,
        429 => FlowCodes.RateLimited,
        503 => FlowCodes.DependencyUnavailable,
        _ => status >= 500 ? InternalError : InvalidRequest,
    };

    public static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        422 => "Unprocessable Content",
        423 => "Locked",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Error",
    };
}
