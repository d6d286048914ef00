using LoginOrchestrator.Api.Account;
using LoginOrchestrator.Api.AdminClients;
using LoginOrchestrator.Api.AdminSettings;
using LoginOrchestrator.Api.AdminUsers;
using LoginOrchestrator.Api.ApiKeys;
using LoginOrchestrator.Api.Recovery;
using LoginOrchestrator.Api.Sessions;
using LoginOrchestrator.Api.Sync;
using LoginOrchestrator.Orchestrator.Recovery;

namespace LoginOrchestrator.Api.Audit;

/// <summary>Every outcome the audit writes, by kind: the filter takes these and no other.</summary>
public static class AuditOutcomes
{
    /// <summary>A login's terminal states, and a recovery's as <c>Recovery&lt;State&gt;</c>.</summary>
    public static IReadOnlyList<string> Logins { get; } =
        ["Issued", "Failed", "Locked", "Expired", .. Enum.GetValues<RecoveryState>().Where(s => s.IsTerminal()).Select(s => $"Recovery{s}")];

    /// <summary>What a user does to their own account (a session or device they end, a contact they change).</summary>
    public static IReadOnlyList<string> Account { get; } =
        [SessionControl.Revoked, DeviceControl.Forgotten, ContactChange.Changed, PasskeyRegistration.Registered, PasskeyRegistration.Removed];

    /// <summary>What admins (and the directory sync) do; a session or device an admin ends is <see cref="Account"/>'s name.</summary>
    public static IReadOnlyList<string> Admin { get; } =
    [
        UserAdministration.Created, UserAdministration.Updated, UserAdministration.Unlocked, UserAdministration.PasswordReset,
        OtpEnrolment.Reset, ContactChange.SetByAdmin, AdminRecovery.Sent, SettingsAdmin.Changed,
        .. ClientAdministration.AdminEvents.Values, ApiKeysApi.Created, ApiKeysApi.Revoked, DirectorySync.Started, DirectorySync.Synced,
    ];

    public static IReadOnlyList<string> All { get; } = [.. Logins, .. Account, .. Admin];
}
