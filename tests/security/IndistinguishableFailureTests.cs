using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Point 1: unknown user, wrong password and disabled user look and take the same.</summary>
public sealed partial class IndistinguishableFailureTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private const int Tries = 150;
    private const int Accounts = 50;
    private readonly FlowClient _client = new(factory.CreateClient());

    [Fact]
    public async Task StatusBodyAndHeadersAreIdentical()
    {
        await factory.AddUserAsync("same-real", "same-real-Pass-1");
        await factory.AddUserAsync("same-disabled", "same-disabled-Pass-1", disabled: true);

        var unknown = await _client.LoginAsync("same-nobody", "whatever-Pass-1");
        var wrong = await _client.LoginAsync("same-real", "whatever-Pass-1");
        var disabled = await _client.LoginAsync("same-disabled", "same-disabled-Pass-1");

        foreach (var answer in new[] { wrong, disabled })
        {
            answer.Status.Should().Be(unknown.Status);
            Comparable(answer.Body.GetRawText()).Should().Be(Comparable(unknown.Body.GetRawText()));
            HeaderNames(answer).Should().Equal(HeaderNames(unknown));
        }
        unknown.Status.Should().Be(HttpStatusCode.Unauthorized);
        unknown.Code.Should().Be("invalid_credentials");
    }

    [Fact]
    public async Task TimingIsIndistinguishableOverHundredsOfTries()
    {
        // Many accounts, so the per-user lock-out never cuts a series short.
        for (var i = 0; i < Accounts; i++)
        {
            await factory.AddUserAsync($"timing-real-{i}", "timing-Pass-1");
            await factory.AddUserAsync($"timing-off-{i}", "timing-Pass-1", disabled: true);
        }
        var unknown = new List<double>();
        var wrong = new List<double>();
        var disabled = new List<double>();
        for (var i = 0; i < Tries; i++)
        {
            // Interleaved, so drift in the machine's load falls on all three alike.
            unknown.Add(await TimeAsync($"timing-none-{i}", "timing-Pass-1"));
            wrong.Add(await TimeAsync($"timing-real-{i % Accounts}", "not-the-Pass-1"));
            disabled.Add(await TimeAsync($"timing-off-{i % Accounts}", "timing-Pass-1"));
        }

        var baseline = Median(wrong);
        Median(unknown).Should().BeInRange(baseline * 0.8, baseline * 1.25, "an unknown user costs a dummy bcrypt verify");
        Median(disabled).Should().BeInRange(baseline * 0.8, baseline * 1.25, "a disabled user costs a bcrypt verify too");
    }

    private async Task<double> TimeAsync(string userId, string password)
    {
        var flow = FlowClient.Id(await _client.StartAsync());
        var watch = Stopwatch.StartNew();
        var answer = await _client.PasswordAsync(flow, userId, password);
        watch.Stop();
        answer.Code.Should().Be("invalid_credentials");
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>The body without what differs per request anyway: the trace id and the flow's own id and expiry.</summary>
    private static string Comparable(string json) => FlowPath().Replace(Volatile().Replace(json, ""), "/flows/{id}/");

    private static IEnumerable<string> HeaderNames(Answer answer) =>
        answer.Response.Headers.Concat(answer.Response.Content.Headers).Select(h => h.Key).Order();

    [GeneratedRegex("/flows/[A-Za-z0-9_-]+/")]
    private static partial Regex FlowPath();

    [GeneratedRegex("\"(traceId|id|expiresAt)\":\"[^\"]*\"")]
    private static partial Regex Volatile();
}
