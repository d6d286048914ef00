using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Stores.Database;

/// <summary>
/// An admin's action (or a scheduled job's) for the audit: who did what to which target, and the target before and
/// after. <see cref="Before"/> and <see cref="After"/> are serialised as JSON; callers pass snapshots without secrets.
/// </summary>
/// <param name="Outcome">What was done, as the audit's filter names it: <c>UserUpdated</c>, <c>SettingChanged</c>…</param>
/// <param name="Actor">The admin's user id, or <see cref="SystemActor"/>.</param>
/// <param name="TargetType">user, session, device, setting, client, api_key or directory.</param>
public sealed record AdminAction(string Outcome, string Actor, string TargetType, string TargetId, ClientInfo By, DateTimeOffset At)
{
    public const string SystemActor = "system";

    /// <summary>The user the action concerns, so a user's filter finds it beside their logins.</summary>
    public string? UserId { get; init; }
    public object? Before { get; init; }
    public object? After { get; init; }
    public string? Reason { get; init; }
}
