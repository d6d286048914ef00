using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.Json;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>user/get's answer, in WeCom's field names.</summary>
public sealed record WeComUser(
    [property: JsonPropertyName("errcode")] int Errcode,
    [property: JsonPropertyName("userid")] string? UserId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("department")] long[]? Department,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("mobile")] string? Mobile);

/// <summary>department/list's answer: every department the app may see.</summary>
public sealed record WeComDepartmentList(
    [property: JsonPropertyName("errcode")] int Errcode,
    [property: JsonPropertyName("department")] WeComDepartment[]? Department);

public sealed record WeComDepartment(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("parentid")] long ParentId);

/// <summary>user/list's answer: a department's own members, in user/get's fields.</summary>
public sealed record WeComMemberList(
    [property: JsonPropertyName("errcode")] int Errcode,
    [property: JsonPropertyName("userlist")] WeComUser[]? UserList);

/// <summary>auth/getuserinfo's answer: a member's userid, or a non-member's openid.</summary>
public sealed record WeComOAuthIdentity(
    [property: JsonPropertyName("errcode")] int Errcode,
    [property: JsonPropertyName("userid")] string? UserId,
    [property: JsonPropertyName("openid")] string? OpenId);

/// <summary>
/// The typed client of WeCom's API. The access token is cached (shared through Redis) until shortly
/// before it expires and refreshed once, under a lock, when WeCom calls it invalid or expired. The
/// token and the secret travel only in query strings to WeCom and are never logged or returned.
/// </summary>
public sealed class WeComClient(HttpClient http, IWeComTokenStore tokens, IOptions<WeComOptions> options, ILogger<WeComClient> logger)
{
    /// <summary>Refresh this long before WeCom's expires_in runs out.</summary>
    private static readonly TimeSpan EarlyRefresh = TimeSpan.FromMinutes(5);

    public Task<WeComUser> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        WithTokenAsync(token => GetAsync<WeComUser>($"cgi-bin/user/get?access_token={token}&userid={Uri.EscapeDataString(userId)}", cancellationToken), u => u.Errcode);

    public Task<WeComOAuthIdentity> GetUserInfoAsync(string code, CancellationToken cancellationToken) =>
        WithTokenAsync(token => GetAsync<WeComOAuthIdentity>($"cgi-bin/auth/getuserinfo?access_token={token}&code={Uri.EscapeDataString(code)}", cancellationToken), i => i.Errcode);

    public Task<WeComDepartmentList> ListDepartmentsAsync(CancellationToken cancellationToken) =>
        WithTokenAsync(token => GetAsync<WeComDepartmentList>($"cgi-bin/department/list?access_token={token}", cancellationToken), a => a.Errcode);

    /// <summary>The department's own members (fetch_child=0): a sync reads every department once.</summary>
    public Task<WeComMemberList> ListMembersAsync(long departmentId, CancellationToken cancellationToken) =>
        WithTokenAsync(token => GetAsync<WeComMemberList>(
            $"cgi-bin/user/list?access_token={token}&department_id={departmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)}&fetch_child=0", cancellationToken),
            a => a.Errcode);

    public async Task SendTextAsync(string userId, string content, CancellationToken cancellationToken)
    {
        var answer = await WithTokenAsync(async token =>
        {
            using var response = await http.PostAsJsonAsync($"cgi-bin/message/send?access_token={token}",
                new { touser = userId, msgtype = "text", agentid = options.Value.AgentId, text = new { content } }, cancellationToken);
            return await ReadAsync<WeComAnswer>(response, cancellationToken);
        }, a => a.Errcode);
        if (answer.Errcode != WeComErrors.Ok || !string.IsNullOrEmpty(answer.InvalidUser))
            throw new WeComUnavailableException($"message/send answered errcode {answer.Errcode}{(string.IsNullOrEmpty(answer.InvalidUser) ? "" : ", invalid user")}.");
    }

    /// <summary>Calls with the cached token; on 40014/42001 refreshes it once and calls again.</summary>
    private async Task<T> WithTokenAsync<T>(Func<string, Task<T>> call, Func<T, int> errcodeOf)
    {
        var token = await TokenAsync(stale: null);
        var answer = await call(token);
        if (!WeComErrors.IsStaleToken(errcodeOf(answer))) return answer;
        logger.LogInformation("WeCom called the access token stale; refreshing it once.");
        return await call(await TokenAsync(stale: token));
    }

    private async Task<string> TokenAsync(string? stale)
    {
        if (stale is not null) await tokens.DropAsync(stale);
        if (await tokens.GetAsync() is { } cached) return cached;

        await using var refreshing = await tokens.LockAsync(TimeSpan.FromSeconds(5))
            ?? throw new WeComUnavailableException("Timed out waiting for another access-token refresh.");
        // Another caller may have refreshed while this one waited for the lock.
        if (await tokens.GetAsync() is { } refreshed) return refreshed;

        var o = options.Value;
        var answer = await GetAsync<WeComToken>($"cgi-bin/gettoken?corpid={Uri.EscapeDataString(o.CorpId!)}&corpsecret={Uri.EscapeDataString(o.Secret!)}", CancellationToken.None);
        if (answer.Errcode != WeComErrors.Ok) throw new WeComErrorException("gettoken", answer.Errcode);
        if (string.IsNullOrEmpty(answer.AccessToken)) throw new WeComUnavailableException("gettoken answered no token.");
        await tokens.SetAsync(answer.AccessToken, TimeSpan.FromSeconds(Math.Max(60, answer.ExpiresIn)) - EarlyRefresh);
        logger.LogInformation("Fetched a new WeCom access token, valid {Seconds} s.", answer.ExpiresIn);
        return answer.AccessToken;
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode) throw new WeComUnavailableException($"WeCom answered HTTP {(int)response.StatusCode}.");
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken) ?? throw new WeComUnavailableException("WeCom answered nothing.");
        }
        catch (JsonException e)
        {
            throw new WeComUnavailableException("WeCom answered something that is not its JSON.", e);
        }
    }

    private sealed record WeComToken(
        [property: JsonPropertyName("errcode")] int Errcode,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record WeComAnswer(
        [property: JsonPropertyName("errcode")] int Errcode,
        [property: JsonPropertyName("invaliduser")] string? InvalidUser);
}
