using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LoginOrchestrator.Bench.Load;

/// <summary>Measure 3: Redis commands and round trips of each step, profiled in the in-process host.</summary>
public static class StepCosts
{
    /// <param name="Trips">The last sample's round trips, each as the commands it carried.</param>
    /// <param name="Exceptions">Exceptions thrown in the process while the step ran (first chance, caught or not), per sample, by type and thrower.</param>
    public sealed record StepCost(string Step, int Samples, double Commands, double RoundTrips, int MaxRoundTrips, IReadOnlyList<string> Trips,
        IReadOnlyDictionary<string, double> Exceptions);

    public static async Task<IReadOnlyList<StepCost>> MeasureAsync(InProcessHost host, int repetitions)
    {
        const string Password = "bench-Passphrase-2026";
        var profiler = new RedisRoundTrips(host.Services.GetRequiredService<IConnectionMultiplexer>());
        var client = new FlowClient(host.CreateClient());
        await host.SetSettingAsync("authentication", "type", "two_factor");
        await host.SetSettingAsync("two_factor", "scope", new { categories = Array.Empty<string>(), departments = new[] { "42" }, profiles = Array.Empty<string>() });

        var costs = new List<(string Step, RedisCost Cost, IReadOnlyList<string> Exceptions)>();
        async Task<Answer> Measure(string step, Func<Task<Answer>> call, int expectedStatus = 200)
        {
            Answer? answer = null;
            // An exception costs microseconds (its stack trace more): none belongs on a step's path.
            var thrown = new System.Collections.Concurrent.ConcurrentQueue<string>();
            void Record(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) =>
                thrown.Enqueue($"{e.Exception.GetType().Name} in {e.Exception.TargetSite?.DeclaringType?.Name}.{e.Exception.TargetSite?.Name}: {e.Exception.Message}");
            AppDomain.CurrentDomain.FirstChanceException += Record;
            RedisCost cost;
            try
            {
                cost = await profiler.MeasureAsync(async () => answer = await call());
            }
            finally
            {
                AppDomain.CurrentDomain.FirstChanceException -= Record;
            }
            if ((int)answer!.Status != expectedStatus) throw new InvalidOperationException($"{step}: {(int)answer.Status} {answer.Body}");
            costs.Add((step, cost, [.. thrown]));
            return answer;
        }

        for (var i = 0; i < repetitions; i++)
        {
            await host.AddUserAsync($"plain{i}", Password);
            var flow = FlowClient.Id(await Measure("create flow", () => client.StartAsync(), 201));
            await Measure("GET flow", () => client.GetAsync(flow));
            await Measure("password, wrong", () => client.PasswordAsync(flow, $"plain{i}", "not-the-password"), 401);
            var issued = await Measure("password → Issued", () => client.PasswordAsync(flow, $"plain{i}", Password));
            await Measure("GET session", () => client.SendAsync(HttpMethod.Get, "/api/v1/session", null, issued.Token));
            await Measure("log out", () => client.SendAsync(HttpMethod.Delete, "/api/v1/session", null, issued.Token), 204);

            var secret = TotpSecrets.New();
            await host.AddUserAsync($"totp{i}", Password, totpSecret: secret);
            flow = FlowClient.Id(await client.StartAsync());
            await Measure("password → OtpChallenge", () => client.PasswordAsync(flow, $"totp{i}", Password));
            await Measure("OTP → Issued", () => client.PostAsync(flow, "otp", new { code = host.TotpCode(secret) }));

            var email = $"steps{i}.{host.RunId}@bench.example";
            await host.AddUserAsync($"mail{i}", Password, email: email, departments: "42");
            flow = FlowClient.Id(await client.StartAsync());
            await Measure("password → Captcha (code queued)", () => client.PasswordAsync(flow, $"mail{i}", Password));
            var code = (await host.WaitForMailAsync(email)).Code;
            await Measure("captcha → Issued", () => client.PostAsync(flow, "captcha", new { code }));
        }
        return [.. costs.GroupBy(c => c.Step).Select(g => new StepCost(g.Key, g.Count(),
            g.Average(c => c.Cost.Commands), g.Average(c => c.Cost.RoundTrips), g.Max(c => c.Cost.RoundTrips), g.Last().Cost.Trips,
            g.SelectMany(c => c.Exceptions).GroupBy(e => e).ToDictionary(e => e.Key, e => (double)e.Count() / g.Count())))];
    }
}
