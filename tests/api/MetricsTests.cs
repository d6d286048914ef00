using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>#10: the LoginOrchestrator meter, scraped as Prometheus text at /metrics by admins and ops.</summary>
public sealed partial class MetricsTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private async Task<string> ScrapeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _client.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels include all of <paramref name="labels"/>.</summary>
    private static double Value(string scrape, string metric, params string[] labels) =>
        scrape.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == metric && labels.All(l => m.Groups["labels"].Value.Contains(l)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [Fact]
    public async Task ALoginMovesTheFlowStepAndOutcomeCounters()
    {
        var token = await factory.AdminTokenAsync(_client);
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("metered", "metered-Pass-123", totpSecret: secret);
        var before = await ScrapeAsync(token);

        var challenge = await _client.LoginAsync("metered", "metered-Pass-123");
        await _client.PostAsync(FlowClient.Id(challenge), "otp", new { code = factory.TotpCode(secret) });
        for (var i = 0; i < 5; i++) await _client.LoginAsync("metered-nobody", "wrong-password");
        var after = await ScrapeAsync(token);

        double Delta(string metric, params string[] labels) => Value(after, metric, labels) - Value(before, metric, labels);
        Delta("lo_flows_started_total").Should().Be(6);
        Delta("lo_flows_ended_total", "outcome=\"Issued\"", "degraded=\"false\"").Should().Be(1);
        Delta("lo_flows_ended_total", "outcome=\"Locked\"").Should().Be(1, "the fifth wrong password locks the account and its flow");
        Delta("lo_lockouts_total", "kind=\"Password\"").Should().Be(1);
        Delta("lo_step_duration_seconds_count", "step=\"SubmitPassword\"").Should().Be(6);
        Delta("lo_step_duration_seconds_count", "step=\"SubmitOtp\"").Should().Be(1);
        after.Should().Contain("http_server_request_duration_seconds", "ASP.NET Core's own instruments are exported too");
    }

    [Fact]
    public async Task MetricsAreForAdminsAndOpsOnly()
    {
        (await _client.Http.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await factory.AddUserAsync("metrics-agent", "metrics-Pass-123");
        var agent = (await _client.LoginAsync("metrics-agent", "metrics-Pass-123")).Token!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new("Bearer", agent);
        (await _client.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await factory.AddUserAsync("metrics-ops", "metrics-Pass-123", role: "ops");
        (await ScrapeAsync((await _client.LoginAsync("metrics-ops", "metrics-Pass-123")).Token!)).Should().Contain("lo_flows_started_total");
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>[-+0-9.eE]+|NaN|\+Inf|-Inf)(\s+\d+)?\s*$")]
    private static partial Regex Sample();
}
