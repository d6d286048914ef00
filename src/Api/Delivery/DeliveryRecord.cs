using LoginOrchestrator.Steps.Delivery;

namespace LoginOrchestrator.Api.Delivery;

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

/// <summary>A rendered message ready for a channel.</summary>
/// <param name="SenderName">The email From name or the SMS signature, from the settings.</param>
public sealed record OutgoingMessage(string Channel, string To, string? Subject, string Text, string? Html, string? SenderName = null);
