using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Security.Tests;

/// <summary>
/// Recovery's point 1: whether a user id names an account, a disabled one, one without a proven contact or none, the
/// identify answer and a wrong code look and take the same (the account is looked up by the code's job, after the answer).
/// </summary>
public sealed partial class RecoveryEnumerationTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private const int Tries = 120;
    private const int Accounts = 40;
    private const double Slack = 0.5;
    private readonly FlowClient _recovery = new(factory.CreateClient(), FlowClient.RecoveryBase);

    [Fact]
    public async Task StatusBodyAndHeadersAreIdentical()
    {
        await factory.AddUserAsync("rec-real", "rec-real-Pass-1", email: "rec-real@corp.example", contactsVerified: true);
        await factory.AddUserAsync("rec-off", "rec-off-Pass-1", email: "rec-off@corp.example", contactsVerified: true, disabled: true);
        await factory.AddUserAsync("rec-bare", "rec-bare-Pass-1");

        var identified = new List<Answer>();
        foreach (var userId in new[] { "rec-real", "rec-nobody", "rec-off", "rec-bare" }) identified.Add(await IdentifyAsync(userId));
        var wrong = new List<Answer>();
        foreach (var answer in identified) wrong.Add(await _recovery.PostAsync(FlowClient.Id(answer), "code", new { code = "000000" }));

        foreach (var series in new[] { identified, wrong })
            foreach (var answer in series)
            {
                answer.Status.Should().Be(series[0].Status);
                Comparable(answer.Body.GetRawText()).Should().Be(Comparable(series[0].Body.GetRawText()));
                HeaderNames(answer).Should().Equal(HeaderNames(series[0]));
            }
        identified[0].State.Should().Be("Verify");
        wrong[0].Code.Should().Be("code_invalid");
    }

    [Fact]
    public async Task IdentifyTimingIsIndistinguishableOverHundredsOfTries()
    {
        for (var i = 0; i < Accounts; i++)
        {
            await factory.AddUserAsync($"rec-timing-{i}", "timing-Pass-1", email: $"rec-timing-{i}@corp.example", contactsVerified: true);
            await factory.AddUserAsync($"rec-timing-off-{i}", "timing-Pass-1", email: $"rec-timing-off-{i}@corp.example", contactsVerified: true, disabled: true);
        }
        var known = new List<double>();
        var unknown = new List<double>();
        var disabled = new List<double>();
        var random = new Random(19);
        for (var i = 0; i < Tries; i++)
        {
            // Interleaved in a new order each round, so neither load drift nor a place in the round favours one kind.
            var round = new (List<double> Series, string UserId)[]
            {
                (known, $"rec-timing-{i % Accounts}"), (unknown, $"rec-timing-none-{i}"), (disabled, $"rec-timing-off-{i % Accounts}"),
            };
            random.Shuffle(round);
            foreach (var (series, userId) in round) series.Add(await TimeAsync(userId));
        }

        // A request here takes 2–3 ms: besides the share, half a millisecond of slack, far below what a network shows.
        var baseline = Median(known);
        Median(unknown).Should().BeInRange(baseline * 0.8 - Slack, baseline * 1.25 + Slack, "an unknown id does the request's same work");
        Median(disabled).Should().BeInRange(baseline * 0.8 - Slack, baseline * 1.25 + Slack, "a disabled account does too");
    }

    private async Task<Answer> IdentifyAsync(string userId) =>
        await _recovery.PostAsync(FlowClient.Id(await _recovery.StartAsync()), "identify", new { userId });

    private async Task<double> TimeAsync(string userId)
    {
        var flow = FlowClient.Id(await _recovery.StartAsync());
        var watch = Stopwatch.StartNew();
        var answer = await _recovery.PostAsync(flow, "identify", new { userId });
        watch.Stop();
        answer.Status.Should().Be(HttpStatusCode.OK);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ToList()[values.Count / 2];

    private static string Comparable(string json) => FlowPath().Replace(Volatile().Replace(json, ""), "/flows/{id}/");

    private static IEnumerable<string> HeaderNames(Answer answer) =>
        answer.Response.Headers.Concat(answer.Response.Content.Headers).Select(h => h.Key).Order();

    [GeneratedRegex("/flows/[A-Za-z0-9_-]+/")]
    private static partial Regex FlowPath();

    [GeneratedRegex("\"(traceId|id|expiresAt|resendAvailableAt)\":\"[^\"]*\"")]
    private static partial Regex Volatile();
}
