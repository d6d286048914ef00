using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>Section <c>WeCom</c>: the corp app the service talks to. Unset <see cref="CorpId"/> means WeCom is off.</summary>
public sealed class WeComOptions : IValidatableObject
{
    public const string Section = "WeCom";

    public string? CorpId { get; set; }
    public string? Secret { get; set; }
    public int? AgentId { get; set; }
    public Uri BaseUrl { get; set; } = new("https://qyapi.weixin.qq.com");

    /// <summary>WeCom's OAuth page (inside the WeCom client; a desktop browser may use the QR login page instead).</summary>
    public Uri AuthorizeUrl { get; set; } = new("https://open.weixin.qq.com/connect/oauth2/authorize");

    public bool Configured => !string.IsNullOrEmpty(CorpId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Configured) yield break;
        if (string.IsNullOrEmpty(Secret)) yield return new ValidationResult("WeCom:Secret is required with WeCom:CorpId.", [nameof(Secret)]);
        if (AgentId is null) yield return new ValidationResult("WeCom:AgentId is required with WeCom:CorpId.", [nameof(AgentId)]);
        if (!BaseUrl.IsAbsoluteUri) yield return new ValidationResult("WeCom:BaseUrl must be absolute.", [nameof(BaseUrl)]);
        if (!AuthorizeUrl.IsAbsoluteUri) yield return new ValidationResult("WeCom:AuthorizeUrl must be absolute.", [nameof(AuthorizeUrl)]);
    }
}
