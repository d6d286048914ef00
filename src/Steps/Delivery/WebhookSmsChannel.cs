using System.Net.Http.Json;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>SMS through a provider's webhook: <c>POST {to, text, sender}</c> as JSON to <c>Sms__WebhookUrl</c>; any 2xx is accepted.</summary>
public sealed class WebhookSmsChannel(HttpClient http, IOptions<SmsOptions> options) : ICodeChannel
{
    public string Channel => Channels.Sms;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(options.Value.WebhookUrl,
            new { to = message.To, text = message.Text, sender = message.SenderName }, cancellationToken);
        // The status alone: a provider's error body may echo the message, and so the code.
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The SMS webhook answered {(int)response.StatusCode}.", null, response.StatusCode);
    }
}
