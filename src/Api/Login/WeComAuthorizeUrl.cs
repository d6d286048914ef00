using LoginOrchestrator.Api.Configuration;
using LoginOrchestrator.Api.WeCom;
using Microsoft.AspNetCore.WebUtilities;

namespace LoginOrchestrator.Api.Login;

/// <summary>
/// WeCom's OAuth page for one flow. WeCom sends the browser back to this service's login page with
/// <c>?code=…&amp;state=…</c>; the page posts the code to the flow and clears the address bar. The login page puts a
/// nonce of its own beside the flow id in <c>state</c> and checks it on return, so a code fetched by someone else
/// cannot sign this browser in (login CSRF).
/// </summary>
public static class WeComAuthorizeUrl
{
    /// <param name="publicOrigin">Configured, never the request's Host: a forged Host must not become WeCom's redirect.</param>
    public static string? For(WeComOptions options, Uri? publicOrigin, string flowId)
    {
        if (!options.Configured || publicOrigin is null) return null;
        var loginPage = new Uri(publicOrigin, "/").ToString();
        return QueryHelpers.AddQueryString(options.AuthorizeUrl.ToString(), new Dictionary<string, string?>
        {
            ["appid"] = options.CorpId,
            ["redirect_uri"] = loginPage,
            ["response_type"] = "code",
            ["scope"] = "snsapi_base",
            ["state"] = flowId,
            ["agentid"] = options.AgentId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }) + "#wechat_redirect";
    }
}
