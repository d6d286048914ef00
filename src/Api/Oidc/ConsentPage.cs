using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace LoginOrchestrator.Api.Oidc;

/// <summary>
/// The question a third-party app (not first-party) must get an answer to once: may it have these scopes? The form
/// posts the request back to <c>/connect/authorize</c> with the answer; a cross-site post carries no SSO cookie
/// (SameSite=Lax), so another site cannot answer for the user, and the page cannot be framed.
/// </summary>
public static class ConsentPage
{
    public const string AnswerField = "lo_consent";
    public const string Allow = "allow";
    public const string Deny = "deny";

    public static ContentHttpResult Render(HttpContext http, string appName, IEnumerable<string> scopes, OpenIddictRequest request)
    {
        var zh = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"").Append(zh ? "zh-CN" : "en").Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"stylesheet\" href=\"/assets/app.css\">")
            .Append("<title>").Append(zh ? "授权" : "Allow access").Append("</title></head><body><main class=\"card\">")
            .Append("<h1>").Append(html.Encode(appName)).Append("</h1><p>")
            .Append(zh ? "该应用请求访问：" : "This app asks for:").Append("</p><ul>");
        foreach (var scope in scopes) page.Append("<li>").Append(html.Encode(scope)).Append("</li>");
        page.Append("</ul><form method=\"post\" action=\"").Append(html.Encode(http.Request.PathBase.Add(OidcEndpoints.Authorize))).Append("\">");
        foreach (var (name, item) in OidcRequestParameters.Flatten(request, AnswerField))
            page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode(item ?? "")).Append("\">");
        page.Append("<button type=\"submit\" name=\"").Append(AnswerField).Append("\" value=\"").Append(Allow).Append("\">").Append(zh ? "允许" : "Allow").Append("</button> ")
            .Append("<button type=\"submit\" class=\"secondary\" name=\"").Append(AnswerField).Append("\" value=\"").Append(Deny).Append("\">")
            .Append(zh ? "拒绝" : "Deny").Append("</button></form></main></body></html>");
        return TypedResults.Content(page.ToString(), "text/html; charset=utf-8");
    }
}
