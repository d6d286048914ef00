using LoginOrchestrator.Api.WeCom;
using Microsoft.AspNetCore.WebUtilities;

namespace LoginOrchestrator.Api.Login;

/// <summary>
/// WeCom's OAuth page for one flow. WeCom sends the browser back to this service's login page with
/// <c>?code=…&amp;state=&lt;flow id&gt;</c>; the page posts the code to the flow and clears the address bar.
/// </summary>
public static class WeComAuthorizeUrl
{
    public static string? For(WeComOptions options, HttpRequest request, string flowId)
    {
        if (!options.Configured) return null;
        var loginPage = $"{request.Scheme}://{request.Host}{request.PathBase}/";
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
