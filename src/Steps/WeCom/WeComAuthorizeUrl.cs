using System.Globalization;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>
/// WeCom's OAuth page for one flow. WeCom sends the browser back to this service's login page with
/// <c>?code=…&amp;state=…</c>; the page posts the code to the flow and clears the address bar. The login page puts a
/// nonce of its own beside the flow id in <c>state</c> and checks it on return, so a code fetched by someone else
/// cannot sign this browser in (login CSRF).
/// </summary>
/// <param name="publicOrigin">Configured, never the request's Host: a forged Host must not become WeCom's redirect.</param>
public sealed class WeComAuthorizeUrl(WeComOptions options, Uri? publicOrigin)
{
    public string? For(string flowId)
    {
        if (!options.Configured || publicOrigin is null) return null;
        var query = new Dictionary<string, string?>
        {
            ["appid"] = options.CorpId,
            ["redirect_uri"] = new Uri(publicOrigin, "/").ToString(),
            ["response_type"] = "code",
            ["scope"] = "snsapi_base",
            ["state"] = flowId,
            ["agentid"] = options.AgentId?.ToString(CultureInfo.InvariantCulture),
        };
        var separator = options.AuthorizeUrl.Query.Length > 0 ? '&' : '?';
        var pairs = query.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}");
        return $"{options.AuthorizeUrl}{separator}{string.Join('&', pairs)}#wechat_redirect";
    }
}
