using System.Net;
using System.Text;
using System.Text.Json;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Point 11: every endpoint answers garbage with a 4xx problem document, never a 5xx; oversized bodies are cut off by Kestrel.</summary>
public sealed class RandomBodyFuzzTests(KestrelLoginApiFactory factory) : IClassFixture<KestrelLoginApiFactory>
{
    private const int Bodies = 10_000;

    [Fact]
    public async Task TenThousandRandomBodiesGetA4xxProblemAndNever5xx()
    {
        var http = factory.CreateSocketClient();
        var client = new FlowClient(http);
        var adminToken = await factory.AdminTokenAsync(client);
        var flows = new List<string>();
        for (var i = 0; i < 20; i++) flows.Add(FlowClient.Id(await client.StartAsync()));
        var random = new Random(20261123);
        var failures = new List<string>();

        for (var i = 0; i < Bodies; i++)
        {
            var (method, path, bearer) = Endpoint(random, flows[i % flows.Count], adminToken);
            var body = RandomBody(random);
            using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                failures.Add($"{method} {path} {status}: {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 80)]}");
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task ABodyOverTheRequestLimitIsRefusedBeforeItIsRead()
    {
        var http = factory.CreateSocketClient();
        var flow = FlowClient.Id(await new FlowClient(http).StartAsync());
        var huge = "{\"userId\":\"admin\",\"password\":\"" + new string('x', 1_000_000) + "\"}";

        using var response = await http.PostAsync($"{FlowClient.Base}/{flow}/password", new StringContent(huge, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private static readonly string[] FlowActions = ["password", "wecom", "otp", "recovery-code", "bind", "captcha", "captcha/resend"];

    private static (HttpMethod, string, string?) Endpoint(Random random, string flow, string adminToken) => random.Next(12) switch
    {
        0 => (HttpMethod.Post, FlowClient.Base, null),
        1 => (HttpMethod.Put, "/api/v1/account/status", adminToken),
        2 => (HttpMethod.Put, "/api/v1/account/password", adminToken),
        3 => (HttpMethod.Post, "/api/v1/account/otp/confirm", adminToken),
        4 => (HttpMethod.Post, "/api/v1/admin/users", adminToken),
        5 => (HttpMethod.Patch, "/api/v1/admin/users/fuzzed", adminToken),
        6 => (HttpMethod.Put, "/api/v1/admin/settings/two_factor/email_config", adminToken),
        7 => (HttpMethod.Post, "/api/v1/admin/templates/preview", adminToken),
        _ => (HttpMethod.Post, $"{FlowClient.Base}/{flow}/{FlowActions[random.Next(FlowActions.Length)]}", null),
    };

    /// <summary>Random bytes, broken JSON, JSON of wrong types, control characters and deep nesting, in about equal parts.</summary>
    private static byte[] RandomBody(Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                var bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                return bytes;
            case 1:
                var valid = JsonSerializer.Serialize(RandomObject(random, depth: 0));
                return Encoding.UTF8.GetBytes(valid[..random.Next(0, valid.Length + 1)]);
            case 2:
                return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(RandomObject(random, depth: 0)));
            case 3:
                var control = new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0, 32))]);
                return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { userId = control, password = control, code = control, value = control, template = control }));
            default:
                var depth = random.Next(10, 3000);
                return Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
        }
    }

    private static readonly string[] Fields = ["userId", "password", "code", "channel", "target", "status", "newPassword", "currentPassword",
        "name", "role", "email", "mobile", "disabled", "value", "enabled", "template", "sample", "returnTo"];

    private static object? RandomValue(Random random, int depth) => random.Next(depth > 2 ? 6 : 8) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.NextInt64(long.MinValue, long.MaxValue),
        3 => random.NextDouble() * 1e300,
        4 => new string('a', random.Next(0, 5000)),
        5 => "{{ " + new string('x', random.Next(0, 20)) + " }}\u0000\u202e",
        6 => Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomValue(random, depth + 1)).ToArray(),
        _ => RandomObject(random, depth + 1),
    };

    private static Dictionary<string, object?> RandomObject(Random random, int depth) =>
        Enumerable.Range(0, random.Next(0, 6)).Select(_ => Fields[random.Next(Fields.Length)]).Distinct()
            .ToDictionary(f => f, f => RandomValue(random, depth));
}
