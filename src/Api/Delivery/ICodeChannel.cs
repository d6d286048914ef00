namespace LoginOrchestrator.Api.Delivery;

/// <summary>Sends a rendered message over one channel (email, sms, wecom).</summary>
public interface ICodeChannel
{
    string Channel { get; }

    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
