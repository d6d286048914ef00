namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// One code sent to one contact. The message (which holds the code) is kept encrypted and only
/// until it is sent or the code expires; the record itself holds no secret.
/// </summary>
public sealed record DeliveryRecord(
    string Id,
    string FlowId,
    string Channel,
    string MaskedTarget,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset CodeExpiresAt,
    string? ProtectedMessage,
    string? LastError);
