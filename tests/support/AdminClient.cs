using System.Net.Http.Json;

namespace LoginOrchestrator.Tests.Support;

/// <summary>Calls the admin API with the bootstrap admin's session.</summary>
public sealed class AdminClient(FlowClient client, string token)
{
    public static async Task<AdminClient> SignInAsync(LoginApiFactory factory, FlowClient client) =>
        new(client, await factory.AdminTokenAsync(client));

    public string Token => token;

    public Task<Answer> SendAsync(HttpMethod method, string path, object? body = null) =>
        client.SendAsync(method, path, body is null ? null : JsonContent.Create(body), token);

    public Task<Answer> GetSettingsAsync(string query = "") =>
        client.SendAsync(HttpMethod.Get, $"/api/v1/admin/settings{query}", null, token);

    public Task<Answer> PutSettingAsync(string @namespace, string key, object? value, bool? enabled = null) =>
        client.SendAsync(HttpMethod.Put, $"/api/v1/admin/settings/{@namespace}/{key}", JsonContent.Create(new { value, enabled }), token);

    public Task<Answer> PutRawAsync(string @namespace, string key, string json) =>
        client.SendAsync(HttpMethod.Put, $"/api/v1/admin/settings/{@namespace}/{key}",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), token);

    public Task<Answer> PreviewAsync(object body) =>
        client.SendAsync(HttpMethod.Post, "/api/v1/admin/templates/preview", JsonContent.Create(body), token);

    /// <summary>The effective value of one setting, as JSON text.</summary>
    public async Task<string> ValueOfAsync(string @namespace, string key)
    {
        var list = await GetSettingsAsync($"?namespace={@namespace}");
        return list.Body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key)
            .GetProperty("value").GetRawText();
    }
}
