using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Delivery channels of captcha codes.</summary>
public static class Channels
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string WeCom = "wecom";

    /// <summary>The channel a send method delivers by.</summary>
    public static string Of(SendMethod method) => method switch
    {
        SendMethod.Sms => Sms,
        SendMethod.WeCom => WeCom,
        _ => Email,
    };
}

public enum DeliveryStatus { Queued, Sent, Failed }

/// <summary>
/// A code to send. It is handed to delivery once and kept only in protected storage that dies
/// with the code; jobs see the delivery id, never the code.
/// </summary>
public sealed record CodeDispatch(
    string FlowId,
    string Channel,
    string Target,
    string Code,
    DateTimeOffset ExpiresAt,
    string Purpose,
    string UserId,
    string UserName,
    string Language);

/// <summary>A rendered message not yet recorded: <see cref="WriteAsync"/> stores its delivery record; the send is queued after.</summary>
public sealed record PreparedDelivery(string DeliveryId, Func<CancellationToken, Task> WriteAsync);

/// <summary>Sends captcha codes in the background.</summary>
public interface ICodeDispatcher
{
    /// <summary>Renders and queues the message; returns the delivery id.</summary>
    Task<string> DispatchAsync(CodeDispatch dispatch, CancellationToken cancellationToken);

    /// <summary>
    /// Renders the message and makes its delivery record without writing or queuing anything: a login flow writes the
    /// record with its own save and queues the send through its outbox (<see cref="OutboxMessage.SendCode"/>).
    /// </summary>
    Task<PreparedDelivery> PrepareAsync(CodeDispatch dispatch, CancellationToken cancellationToken);

    Task<DeliveryStatus?> GetStatusAsync(string deliveryId, CancellationToken cancellationToken);
}
