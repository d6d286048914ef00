using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Steps.Delivery;

/// <summary>Section <c>Sms</c>: which provider sends SMS codes.</summary>
public sealed class SmsOptions : IValidatableObject
{
    public const string Section = "Sms";

    /// <summary><c>outbox</c> (files, the default), <c>webhook</c> (POST JSON to <see cref="WebhookUrl"/>).</summary>
    public string Provider { get; set; } = "outbox";

    public Uri? WebhookUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider is not ("outbox" or "webhook"))
            yield return new ValidationResult("Sms:Provider must be outbox or webhook (wecom comes with the WeCom client).", [nameof(Provider)]);
        if (Provider == "webhook" && WebhookUrl is not { IsAbsoluteUri: true, Scheme: "https" or "http" })
            yield return new ValidationResult("Sms:WebhookUrl must be an absolute http(s) URL with the webhook provider.", [nameof(WebhookUrl)]);
    }
}
