using System.Buffers.Text;
using System.Net;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Point 7: flow ids are unguessable, and a flow moves only by the actions it offers.</summary>
public sealed class FlowIntegrityTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task FlowIdsCarryAtLeast128RandomBits()
    {
        var ids = new List<string>();
        for (var i = 0; i < 500; i++) ids.Add(FlowClient.Id(await _client.StartAsync()));

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().AllSatisfy(id => (Base64Url.DecodeFromChars(id).Length * 8).Should().BeGreaterThanOrEqualTo(128));
        // Every bit position varies: no counter, timestamp or fixed prefix hides in the id.
        var bits = ids.Select(id => Base64Url.DecodeFromChars(id)).ToList();
        for (var bit = 0; bit < bits[0].Length * 8; bit++)
            bits.Select(b => (b[bit / 8] >> (bit % 8)) & 1).Distinct().Should().HaveCount(2, $"bit {bit} varies");
    }

    [Fact]
    public async Task ActionsOutOfOrderAre409AndLeaveTheFlowUnchanged()
    {
        var flow = FlowClient.Id(await _client.StartAsync());
        var before = WithoutChallenges((await _client.GetAsync(flow)).Body);

        foreach (var (action, body) in new (string, object?)[]
                 { ("otp", new { code = "123456" }), ("captcha", new { code = "123456" }), ("recovery-code", new { code = "abcd-efgh-jkmn" }),
                   ("bind", new { channel = "email", target = "x@corp.example" }), ("captcha/resend", null) })
        {
            var answer = await _client.PostAsync(flow, action, body);
            answer.Status.Should().Be(HttpStatusCode.Conflict, action);
            answer.Code.Should().Be("action_not_allowed");
            answer.State.Should().Be("Credentials");
        }

        WithoutChallenges((await _client.GetAsync(flow)).Body).Should().Be(before);
    }

    /// <summary>The flow as JSON but for its passkey challenges: each answer seals a fresh one (a new IV) for the same flow.</summary>
    private static string WithoutChallenges(System.Text.Json.JsonElement flow)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(flow.GetRawText())!;
        foreach (var action in node["actions"]!.AsArray())
            if (action!["publicKey"] is System.Text.Json.Nodes.JsonObject publicKey) publicKey.Remove("challenge");
        return node.ToJsonString();
    }

    [Fact]
    public async Task AFlowCannotBeDrivenWithAnotherFlowsProgress()
    {
        await factory.AddUserAsync("crossflow", "crossflow-Pass-1", totpSecret: LoginOrchestrator.Steps.Otp.TotpSecrets.New());
        var challenged = await _client.LoginAsync("crossflow", "crossflow-Pass-1");
        challenged.State.Should().Be("OtpChallenge");
        var fresh = FlowClient.Id(await _client.StartAsync());

        // The second factor belongs to the flow whose first factor passed, not to any flow of the same client.
        var answer = await _client.PostAsync(fresh, "otp", new { code = "123456" });

        answer.Status.Should().Be(HttpStatusCode.Conflict);
        (await _client.GetAsync(fresh)).State.Should().Be("Credentials");
        (await _client.GetAsync("not-a-flow-id-at-all-0123")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}
