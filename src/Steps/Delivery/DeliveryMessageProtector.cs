using System.Text.Json;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.AspNetCore.DataProtection;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Encrypts rendered messages while they wait for their job, so no store holds a readable code.</summary>
public sealed class DeliveryMessageProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("LoginOrchestrator.Delivery.Message.v1");

    public string Protect(OutgoingMessage message) => _protector.Protect(JsonSerializer.Serialize(message));

    public OutgoingMessage Unprotect(string protectedMessage) =>
        JsonSerializer.Deserialize<OutgoingMessage>(_protector.Unprotect(protectedMessage))!;
}
