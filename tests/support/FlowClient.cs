using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LoginOrchestrator.Tests.Support;

/// <summary>An answer of the API: its status, headers and JSON body.</summary>
public sealed record Answer(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    /// <summary>The flow: the body itself, or the <c>flow</c> member of a problem document.</summary>
    public JsonElement Flow => Body.TryGetProperty("flow", out var flow) ? flow : Body;
    public string State => Flow.GetProperty("state").GetString()!;
    public string? Code => Body.TryGetProperty("code", out var code) ? code.GetString() : null;
    public int AttemptsRemaining => Flow.GetProperty("attemptsRemaining").GetInt32();
    public string? Token => Flow.TryGetProperty("session", out var s) ? s.GetProperty("token").GetString() : null;
    public IReadOnlyList<string> Actions => [.. Flow.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("name").GetString()!)];
    public IReadOnlyList<string> Strings(string name) => [.. Flow.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}

/// <summary>Drives login flows (or, with <see cref="RecoveryBase"/>, recovery flows) over HTTP the way a frontend does.</summary>
public sealed class FlowClient(HttpClient http, string basePath = FlowClient.Base)
{
    public const string Base = "/api/v1/login/flows";
    public const string RecoveryBase = "/api/v1/recovery/flows";

    public HttpClient Http => http;

    public async Task<Answer> StartAsync(object? body = null) =>
        await SendAsync(HttpMethod.Post, basePath, body is null ? null : JsonContent.Create(body));

    public Task<Answer> GetAsync(string flowId) => SendAsync(HttpMethod.Get, $"{basePath}/{flowId}", null);

    public Task<Answer> PostAsync(string flowId, string action, object? body = null) =>
        SendAsync(HttpMethod.Post, $"{basePath}/{flowId}/{action}", body is null ? null : JsonContent.Create(body));

    public Task<Answer> PostRawAsync(string flowId, string action, string raw, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, $"{basePath}/{flowId}/{action}", new StringContent(raw, Encoding.UTF8, contentType));

    public Task<Answer> PasswordAsync(string flowId, string userId, string password) =>
        PostAsync(flowId, "password", new { userId, password });

    /// <summary>A new flow, then the password: the answer of the password step.</summary>
    public async Task<Answer> LoginAsync(string userId, string password)
    {
        var flow = await StartAsync();
        return await PasswordAsync(Id(flow), userId, password);
    }

    public async Task<Answer> SendAsync(HttpMethod method, string path, HttpContent? content, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await SendAsync(request);
    }

    /// <summary>A request as built by the caller (its own headers).</summary>
    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (text.StartsWith(AnswerConformance.OpenApiViolation, StringComparison.Ordinal)) throw new InvalidOperationException(text);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Answer(response.StatusCode, body, response);
    }

    public static string Id(Answer answer) => answer.Flow.GetProperty("id").GetString()!;
}
