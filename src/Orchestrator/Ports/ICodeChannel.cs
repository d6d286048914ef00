namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Sends a rendered message over one channel (email, sms, wecom).</summary>
public interface ICodeChannel
{
    string Channel { get; }

    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>A rendered message ready for a channel.</summary>
/// <param name="SenderName">The email From name or the SMS signature, from the settings.</param>
public sealed record OutgoingMessage(string Channel, string To, string? Subject, string Text, string? Html, string? SenderName = null);
