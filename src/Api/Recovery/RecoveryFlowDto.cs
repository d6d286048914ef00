using LoginOrchestrator.Api.Login;

namespace LoginOrchestrator.Api.Recovery;

/// <summary>
/// A recovery flow: the login flow's shape (state, actions with fields, messages, expiry). It never names the account
/// or where its code went: that would tell who has an account.
/// </summary>
public sealed record RecoveryFlowDto(
    string Id,
    string State,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<FlowActionDto> Actions,
    int AttemptsRemaining,
    RecoveryCodeDto? Code,
    IReadOnlyList<FlowMessageDto> Messages);

/// <summary>While the flow waits for its code: until when it is good and when another may be asked for.</summary>
public sealed record RecoveryCodeDto(DateTimeOffset ExpiresAt, DateTimeOffset ResendAvailableAt);

/// <summary>An admin's recovery for a user: sent, and until when it lives.</summary>
public sealed record RecoverySentDto(DateTimeOffset ExpiresAt);

/// <summary>Whether recovery is on (setting <c>recovery.enabled</c>).</summary>
public sealed record RecoveryAvailabilityDto(bool Enabled);
