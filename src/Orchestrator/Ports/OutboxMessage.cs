using System.Text.Json.Serialization;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// Work a flow's answer leaves behind: written with the flow's save (in Redis, in the same script), carried out after
/// the answer by <see cref="IOutboxHandler"/>, so neither the request waits for it nor a crash loses it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SendCode), "send_code")]
[JsonDerivedType(typeof(AuditOutcome), "audit")]
public abstract record OutboxMessage
{
    /// <summary>Queue the send of a delivery whose record (and encrypted message) the same commit wrote.</summary>
    public sealed record SendCode(string DeliveryId) : OutboxMessage;

    /// <summary>Write a login's terminal outcome to the audit (once per flow, however often it is carried out).</summary>
    public sealed record AuditOutcome(LoginAuditEntry Entry) : OutboxMessage;
}

/// <summary>Carries out outbox messages. At least once: each kind is idempotent (a send is claimed, an outcome written once per flow).</summary>
public interface IOutboxHandler
{
    Task HandleAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);
}
