using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace LoginOrchestrator.Tests.Support;

/// <summary>The tokens a code or a refresh token was exchanged for, or the error.</summary>
public sealed record TokenAnswer(HttpStatusCode Status, JsonElement Body)
{
    /// <summary>When the ID token says it was issued.</summary>
    public DateTimeOffset IssuedAt => DateTimeOffset.FromUnixTimeSeconds(IdClaims.GetProperty("iat").GetInt64());
    public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;
    public string? AccessToken => Body.TryGetProperty("access_token", out var t) ? t.GetString() : null;
    public string? RefreshToken => Body.TryGetProperty("refresh_token", out var t) ? t.GetString() : null;
    public string? IdToken => Body.TryGetProperty("id_token", out var t) ? t.GetString() : null;

    /// <summary>The ID token's claims, unverified (the tests that check its signature do so themselves).</summary>
    public JsonElement IdClaims => JsonDocument.Parse(Base64UrlTextEncoder.Decode(IdToken!.Split('.')[1])).RootElement.Clone();
}

/// <summary>
/// A browser as the OpenID Connect endpoints see it: it logs in through the flow API (which sets the SSO cookie this
/// client keeps) and follows the authorization request by hand, to read each answer; and an app's back channel.
/// </summary>
public sealed class OidcTestClient(HttpClient browser)
{
    public const string Verifier = "a-code-verifier-that-is-long-enough-for-rfc-7636-0123456789";

    public FlowClient Flows { get; } = new(browser);

    public static string Challenge(string verifier) => Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>The password login of the login page; its answer sets the SSO cookie.</summary>
    public async Task<string> LoginAsync(string userId, string password)
    {
        var issued = await Flows.LoginAsync(userId, password);
        return issued.Token ?? throw new InvalidOperationException($"No session for {userId}: {issued.Body}");
    }

    public Task<HttpResponseMessage> AuthorizeAsync(string clientId, string redirectUri, string scope = "openid profile offline_access",
        string? challenge = null, IDictionary<string, string?>? extra = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code", ["scope"] = scope,
            ["state"] = "state-1", ["nonce"] = "nonce-1",
        };
        if (challenge is not null) (query["code_challenge"], query["code_challenge_method"]) = (challenge, "S256");
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) query[key] = value;
        return browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", query));
    }

    /// <summary>The parameters of the redirect back to the app (the code, state, iss; or the error).</summary>
    public static Dictionary<string, string> Callback(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
            throw new InvalidOperationException($"Not a redirect to the app: {(int)response.StatusCode} {response.Headers.Location}");
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public Task<TokenAnswer> ExchangeAsync(string code, string clientId, string redirectUri, string? secret = null, string? verifier = Verifier) =>
        TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["client_id"] = clientId,
            ["client_secret"] = secret, ["code_verifier"] = verifier,
        });

    public Task<TokenAnswer> RefreshAsync(string refreshToken, string clientId, string? secret = null) =>
        TokenAsync(new Dictionary<string, string?>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = clientId, ["client_secret"] = secret,
        });

    public async Task<TokenAnswer> TokenAsync(Dictionary<string, string?> form) => await PostFormAsync("/connect/token", form);

    public async Task<TokenAnswer> PostFormAsync(string path, Dictionary<string, string?> form)
    {
        var fields = form.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!));
        using var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields));
        var text = await response.Content.ReadAsStringAsync();
        return new TokenAnswer(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A code for the client, from a login that already happened in this browser.</summary>
    public async Task<string> CodeAsync(string clientId, string redirectUri, string scope = "openid profile offline_access")
    {
        var callback = Callback(await AuthorizeAsync(clientId, redirectUri, scope, Challenge(Verifier)));
        return callback.TryGetValue("code", out var code) ? code : throw new InvalidOperationException($"No code: {string.Join(", ", callback)}");
    }
}
