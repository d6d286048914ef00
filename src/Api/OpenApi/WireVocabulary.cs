using LoginOrchestrator.Api.AdminClients;
using LoginOrchestrator.Api.AdminUsers;
using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Recovery;
using LoginOrchestrator.Api.Sessions;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Stores.Database;

namespace LoginOrchestrator.Api.OpenApi;

/// <summary>
/// The closed sets of values api.md gives names on the wire, as the document's enums. The conformance test checks
/// every answer of the API tests against them, so a value added in code and not here fails a test.
/// </summary>
public static class WireVocabulary
{
    public static readonly string[] States = Enum.GetNames<LoginState>();
    public static readonly string[] Factors = [.. Enum.GetValues<LoginFactor>().Select(FlowNames.Factor)];
    public static readonly string[] Reasons = [.. Enum.GetValues<StageReason>().Select(FlowNames.Reason)];
    public static readonly string[] Actions =
        ["submitPassword", "submitWeComCode", "submitOtp", "submitRecoveryCode", "submitBindTarget", "submitCaptcha", "resendCaptcha", "submitPasskey",
         // A recovery's actions (it shares submitOtp and submitRecoveryCode).
         "submitIdentifier", "resendCode", "submitCode", "submitNewPassword"];
    public static readonly string[] RecoveryStates = Enum.GetNames<RecoveryState>();
    /// <summary>passkey: a WebAuthn credential (what navigator.credentials.get returned), over the action's publicKey options.</summary>
    public static readonly string[] FieldTypes = ["text", "password", "code", "email", "tel", "choice", "checkbox", "passkey"];
    public static readonly string[] PasskeyTransports = ["usb", "nfc", "ble", "smart-card", "hybrid", "internal"];
    public static readonly string[] MessageTypes = ["error", "warning", "info"];
    public static readonly string[] Channels = [Orchestrator.Ports.Channels.Email, Orchestrator.Ports.Channels.Sms, Orchestrator.Ports.Channels.WeCom];
    public static readonly string[] Deliveries = [.. Enum.GetValues<DeliveryStatus>().Select(FlowNames.Delivery)];
    public static readonly string[] RequiredActions = ["enrol_otp", Account.PasskeyRegistration.RegisterPasskey];
    public static readonly string[] ClientTypes = [ClientRegistration.Public, ClientRegistration.Confidential];
    public static readonly string[] ClientAuditActions = ["created", "updated", "secret_rotated", "deleted"];
    public static readonly string[] AuditTargets = ["user", "session", "device", "setting", "client", "api_key", "directory", "passkey"];

    /// <summary>(DTO, property as on the wire) → its values; for a list, its items' values.</summary>
    public static readonly IReadOnlyDictionary<(Type, string), IReadOnlyList<string>> Properties = new Dictionary<(Type, string), IReadOnlyList<string>>
    {
        [(typeof(FlowDto), "state")] = States,
        [(typeof(FlowDto), "factors")] = Factors,
        [(typeof(FlowDto), "reasons")] = Reasons,
        [(typeof(FlowActionDto), "name")] = Actions,
        [(typeof(FlowActionDto), "method")] = ["POST"],
        [(typeof(FlowFieldDto), "type")] = FieldTypes,
        [(typeof(PasskeyRequestDto), "userVerification")] = ["required"],
        [(typeof(PasskeyCredentialRefDto), "type")] = ["public-key"],
        [(typeof(Account.PasskeyDto), "transports")] = PasskeyTransports,
        [(typeof(FlowMessageDto), "type")] = MessageTypes,
        [(typeof(FlowMessageDto), "code")] = [.. ProblemCodes.All, .. FlowCodes.MessageOnly],
        [(typeof(RecoveryFlowDto), "state")] = RecoveryStates,
        [(typeof(FlowCaptchaDto), "channel")] = Channels,
        [(typeof(FlowCaptchaDto), "delivery")] = Deliveries,
        [(typeof(SessionDto), "factors")] = Factors,
        [(typeof(SessionSummaryDto), "factors")] = Factors,
        [(typeof(SessionDto), "requiredActions")] = RequiredActions,
        [(typeof(SessionDto), "roles")] = UserAdministration.AllRoles,
        [(typeof(Account.ProfileDto), "role")] = UserAdministration.AllRoles,
        [(typeof(Account.ProfileDto), "status")] = AgentStatus.All,
        [(typeof(ClientDto), "type")] = ClientTypes,
        [(typeof(ClientAuditDto), "action")] = ClientAuditActions,
        [(typeof(Audit.AuditRecordDto), "kind")] = AuditKinds.All,
        [(typeof(Audit.AuditRecordDto), "outcome")] = Audit.AuditOutcomes.All,
        [(typeof(Audit.AuditTargetDto), "type")] = AuditTargets,
        [(typeof(RateLimits.RefusalDto), "limit")] = Orchestrator.Ports.RateLimitKinds.All,
    };
}
