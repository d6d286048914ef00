using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoginOrchestrator.Bench.Load;
using LoginOrchestrator.Steps.Passwords;
using LoginOrchestrator.Tests.Support;
using MySqlConnector;
using StackExchange.Redis;

// bench/run.sh: the six measures of issue #10 in one run. 1 password logins against the bcrypt bound;
// 2 GET flow, OTP and captcha submits against the framework floor; 3 Redis round trips per step (profiled in an
// in-process host) and memory per flow and session; 4 code delivery latency; 5 clean-up time beside 0–10^6 live
// flows. (6, the microbenchmarks, is bench/run-micro.sh.)
var seconds = Option("--seconds", 15);
var loginWorkers = Option("--login-workers", Environment.ProcessorCount * 4);
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(3);
var WorkFactor = Option("--work-factor", 11);
const int Connections = 64;
var otpPool = Option("--otp-pool", 3000);
var captchaPool = Option("--captcha-pool", 1500);
var stepRepetitions = Option("--step-repetitions", 10);
var maxLive = Option("--max-live", 1_000_000);
// --logins-and-steps: measures 1 and 2 only (logins, GET flow, OTP and captcha submits), to compare one Redis with a
// cluster (bench/run-cluster.sh runs it on both).
var loginsAndSteps = args.Contains("--logins-and-steps");
// --trace DIR: a CPU-sampling trace of the API (dotnet-trace) across the OTP and the captcha submits, with their top
// methods, written to DIR.
var traceDirectory = Array.IndexOf(args, "--trace") is var traceAt and >= 0 && traceAt + 1 < args.Length ? Path.GetFullPath(args[traceAt + 1]) : null;
// --round-trips: measure 3's round trips only, each printed as the commands it carried (for work on the Redis paths).
if (args.Contains("--round-trips"))
{
    await using var profiled = InProcessHost.Start();
    foreach (var cost in await StepCosts.MeasureAsync(profiled, Option("--step-repetitions", 3)))
    {
        Console.WriteLine($"{cost.Step}: {cost.Commands:F1} commands in {cost.RoundTrips:F1} round trips: {string.Join(" | ", cost.Trips)}");
        foreach (var (thrown, perSample) in cost.Exceptions) Console.WriteLine($"    {perSample:F1} × {thrown}");
    }
    return;
}
var maildev = Environment.GetEnvironmentVariable("LO_TEST_MAILDEV") ?? "http://127.0.0.1:1080";
var cores = Environment.ProcessorCount;
var mysql = Environment.GetEnvironmentVariable("LO_TEST_MYSQL") ?? "Server=127.0.0.1;Port=3306;User ID=loginorchestrator;Password=lo-test-password";
var redisConfiguration = Environment.GetEnvironmentVariable("LO_TEST_REDIS") ?? "127.0.0.1:6379";
var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
var database = $"lo_bench_{runId}";
var prefix = $"lo-bench-{runId}:";

// Anchor 1: one bcrypt verify at the production work factor, on this machine, now, by the system's bcrypt (libxcrypt,
// what the API uses where present); BCrypt.Net-Next's time beside it, for the record.
var hasher = new BcryptPasswordHasher(WorkFactor);
var managedHasher = new BcryptPasswordHasher(WorkFactor, preferNative: false);
const string Password = "bench-Passphrase-2026";
var hash = hasher.Hash(Password);
double MedianVerifyMs(BcryptPasswordHasher by) => Enumerable.Range(0, 15).Select(_ =>
{
    var watch = Stopwatch.StartNew();
    by.Verify(Password, hash);
    return watch.Elapsed.TotalMilliseconds;
}).Order().ElementAt(7);
var verifyMs = MedianVerifyMs(hasher);
var managedVerifyMs = MedianVerifyMs(managedHasher);
Console.WriteLine($"bcrypt verify: {hasher.Implementation} {verifyMs:F1} ms, {managedHasher.Implementation} {managedVerifyMs:F1} ms");
var bcryptBound = cores / (verifyMs / 1000);
// What the cores really deliver with one verify on each at once (shared caches, SMT, a VM's scheduling).
var parallelWatch = Stopwatch.StartNew();
Parallel.For(0, cores * 6, new ParallelOptions { MaxDegreeOfParallelism = cores }, _ => hasher.Verify(Password, hash));
var parallelPerSecond = cores * 6 / parallelWatch.Elapsed.TotalSeconds;
Console.WriteLine($"bcrypt verify at work factor {WorkFactor}: {verifyMs:F1} ms; bound {bcryptBound:F1} logins/s on {cores} cores; " +
                  $"{parallelPerSecond:F1} verifies/s measured with {cores} at once");

await using var api = await ApiUnderTest.StartAsync(Path.Combine(root, "src/Api/bin/Release/net10.0/LoginOrchestrator.Api.dll"), new Dictionary<string, string>
{
    ["ConnectionStrings__Database"] = $"{mysql};Database={database}",
    ["ConnectionStrings__Redis"] = redisConfiguration,
    ["Redis__KeyPrefix"] = prefix,
    ["Redis__HangfirePrefix"] = $"{{{prefix}hangfire}}:",
    ["Security__BcryptWorkFactor"] = WorkFactor.ToString(),
    ["RateLimits__PerIpPerMinute"] = "10000000",
    ["RateLimits__FailuresPerIpPerHour"] = "10000000",
    ["RateLimits__GlobalPerMinute"] = "100000000",
    ["RateLimits__CodesPerIpPerDay"] = "1000000",
    ["Smtp__Host"] = Environment.GetEnvironmentVariable("LO_TEST_SMTP_HOST") ?? "127.0.0.1",
    ["Smtp__Port"] = Environment.GetEnvironmentVariable("LO_TEST_SMTP_PORT") ?? "1025",
    // Production wants the key ring's certificate from outside the database: the test support's, made once per run.
    ["KeyRing__CertificatePath"] = TestServices.KeyRingCertificate,
}.Concat(ExtraApiEnvironment()).ToDictionary(), Path.Combine(Path.GetTempPath(), $"lo-bench-{runId}"));

// Users straight into the tables the API just migrated. Login users: one per login worker, so no lock-out or
// lease is shared. Measure 4's: in department 42, the only one two-factor applies to, with a mailbox each.
// The pools of measure 2 only prepare flows for the measured step: their passwords are hashed cheaply.
const int Users = 64;
var Deliveries = Option("--deliveries", 200);
var benchDatabase = new BenchDatabase($"{mysql};Database={database}");
var cheapHash = BCrypt.Net.BCrypt.EnhancedHashPassword(Password, 4, BCrypt.Net.HashType.SHA384); // below the service's minimum on purpose: preparation only
await benchDatabase.AddUsersAsync("bench", Users, hash);
await benchDatabase.AddUsersAsync("mail", Deliveries, hash, "42", i => $"mail{i}@bench.example");
const int BurstSize = 50;
await benchDatabase.AddUsersAsync("burst", BurstSize, cheapHash, "42", i => $"burst{i}.{runId}@bench.example");
await benchDatabase.AddUsersAsync("otp", otpPool, cheapHash);
await benchDatabase.AddUsersAsync("cap", captchaPool, cheapHash, "42", i => $"cap{i}.{runId}@bench.example");
await benchDatabase.SetSettingAsync("authentication", "type", "\"two_factor\"");
await benchDatabase.SetSettingAsync("two_factor", "scope", "{\"categories\":[],\"departments\":[\"42\"],\"profiles\":[]}");
var settingsLoadedBy = DateTime.UtcNow.AddSeconds(31); // the API's settings cache lives 30 s

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = api.Address,
};

async Task<(string Id, string? Token)> LoginAsync(int user)
{
    using var created = await http.PostAsync("/api/v1/login/flows", null);
    var flow = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    using var issued = await http.PostAsJsonAsync($"/api/v1/login/flows/{flow}/password", new { userId = $"bench{UserFor(user)}", password = Password });
    var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
    return (flow, body.TryGetProperty("session", out var session) ? session.GetProperty("token").GetString() : null);
}

// Measure 1: password logins end to end, with enough workers to keep both cores busy.
// First the API settles: with tiered compilation it spends its first seconds re-compiling what start-up ran (measured
// 640 ms of CPU a second right after start); measures are of the steady state. At most a minute.
for (var settling = Stopwatch.StartNew(); settling.Elapsed < TimeSpan.FromMinutes(1);)
{
    var before = api.CpuTime;
    await Task.Delay(TimeSpan.FromSeconds(1));
    if ((api.CpuTime - before).TotalMilliseconds < 50) break;
}
// The API's CPU with nothing to do (its background jobs' polling), per second: subtracted from what loads cost.
var idleCpuBefore = api.CpuTime;
await Task.Delay(TimeSpan.FromSeconds(3));
var apiIdleCpuMsPerSecond = (api.CpuTime - idleCpuBefore).TotalMilliseconds / 3;
Console.WriteLine($"API CPU while idle: {apiIdleCpuMsPerSecond:F0} ms/s");
var apiCpuBefore = api.CpuTime;
var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var logins = await LoadRun.MeasureAsync("password login (create flow + password → Issued)", loginWorkers, warmUp, duration,
    async i => (await LoginAsync(i)).Token is not null);

// Where the cores went: the API's CPU per login (bcrypt's share is verifyMs), and the load generator's.
// CPU is read around warm-up and window together; the window's share of it is taken (the load is steady).
var windowShare = duration / (duration + warmUp);
var apiCpuPerLoginMs = (api.CpuTime - apiCpuBefore).TotalMilliseconds * windowShare / Math.Max(1, logins.Requests);
var benchCpuPerLoginMs = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalMilliseconds * windowShare / Math.Max(1, logins.Requests);

// Measure 2: a cheap step against the framework floor, at 64 connections.
var flows = new List<string>();
for (var i = 0; i < 256; i++)
{
    using var created = await http.PostAsync("/api/v1/login/flows", null);
    flows.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
}
// With wrk where it is installed (bench/run.sh installs it): the generator then takes little of the two cores.
var generator = Wrk.IsInstalled ? "wrk -t2 -c64" : "HttpClient, 64 loops";
var floor = Wrk.IsInstalled
    ? await Wrk.MeasureAsync("GET /healthz/live (framework floor)", api.Address, ["/healthz/live"], warmUp, duration)
    : await LoadRun.MeasureAsync("GET /healthz/live (framework floor)", Connections, warmUp, duration, async _ =>
    {
        using var response = await http.GetAsync("/healthz/live");
        return response.StatusCode == HttpStatusCode.OK;
    });
var getFlow = Wrk.IsInstalled
    ? await Wrk.MeasureAsync("GET /login/flows/{id}", api.Address, [.. flows.Select(f => $"/api/v1/login/flows/{f}")], warmUp, duration)
    : await LoadRun.MeasureAsync("GET /login/flows/{id}", Connections, warmUp, duration, async i =>
    {
        using var response = await http.GetAsync($"/api/v1/login/flows/{flows[i % flows.Count]}");
        return response.StatusCode == HttpStatusCode.OK;
    });

// Measure 3, memory: what one flow and one session take in Redis (MEMORY USAGE of the main key; on a cluster the
// key routes the command to its master).
await using var redis = await ConnectionMultiplexer.ConnectAsync($"{redisConfiguration},allowAdmin=true");
var masters = redis.GetServers().Where(s => !s.IsReplica).ToList();
var redisMode = masters.Any(s => s.ServerType == ServerType.Cluster) ? $"cluster of {masters.Count} masters" : "single";
var session = (await LoginAsync(0)).Token!;
RedisKey sessionKey = $"{prefix}{{s:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(session)))}}}";
RedisKey flowKey = $"{prefix}{{f:{flows[0]}}}:flow";
var flowBytes = (long)(await redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", flowKey, "SAMPLES", "0"));
var sessionBytes = (long)(await redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", sessionKey, "SAMPLES", "0"));

// Measure 4: a captcha code's delivery, from the answer that queued it to the flow reporting it sent (the job
// marks it sent once the SMTP server accepted the message), polled every 5 ms; one at a time.
var untilSettings = settingsLoadedBy - DateTime.UtcNow;
if (untilSettings > TimeSpan.Zero) await Task.Delay(untilSettings);
var deliveryMs = new List<double>();
var undelivered = 0;
for (var i = 0; i < (loginsAndSteps ? 0 : Deliveries); i++)
{
    using var created = await http.PostAsync("/api/v1/login/flows", null);
    var flow = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    using var queued = await http.PostAsJsonAsync($"/api/v1/login/flows/{flow}/password", new { userId = $"mail{i}", password = Password });
    var watch = Stopwatch.StartNew();
    var state = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString();
    if (state != "Captcha") throw new InvalidOperationException($"mail{i} reached {state}, not Captcha: the two-factor settings are not in force.");
    string? delivery = "queued";
    while (delivery == "queued" && watch.Elapsed < TimeSpan.FromSeconds(10))
    {
        await Task.Delay(5);
        using var read = await http.GetAsync($"/api/v1/login/flows/{flow}");
        delivery = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("captcha").GetProperty("delivery").GetString();
    }
    if (delivery == "sent") deliveryMs.Add(watch.Elapsed.TotalMilliseconds);
    else undelivered++;
}
deliveryMs.Sort();

// Measure 4b: a burst: BurstSize code requests at once, each from the answer that queued it to the flow reporting it
// sent (queued → accepted by SMTP), polled every 100 ms as a page would (50 pollers every 5 ms took the cores the sends
// need); the measure is the delivery record's own times, queued (in the request) → sent (SMTP accepted it).
var burstMs = new System.Collections.Concurrent.ConcurrentBag<double>();
var burstServerMs = new List<double>();
var burstUndelivered = 0;
await using var burstRedis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
if (!loginsAndSteps)
{
    var burstFlows = new List<string>();
    for (var i = 0; i < BurstSize; i++)
    {
        using var created = await http.PostAsync("/api/v1/login/flows", null);
        burstFlows.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }
    await Task.WhenAll(burstFlows.Select(async (flow, i) =>
    {
        using var queued = await http.PostAsJsonAsync($"/api/v1/login/flows/{flow}/password", new { userId = $"burst{i}", password = Password });
        var watch = Stopwatch.StartNew();
        string? delivery = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("captcha").GetProperty("delivery").GetString();
        while (delivery == "queued" && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
            using var read = await http.GetAsync($"/api/v1/login/flows/{flow}");
            delivery = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("captcha").GetProperty("delivery").GetString();
        }
        if (delivery == "sent") burstMs.Add(watch.Elapsed.TotalMilliseconds);
        else Interlocked.Increment(ref burstUndelivered);
    }));
    foreach (var flow in burstFlows)
    {
        var stored = JsonDocument.Parse((string)(await burstRedis.GetDatabase().StringGetAsync($"{prefix}{{f:{flow}}}:flow"))!).RootElement;
        var deliveryId = stored.GetProperty("Captcha").GetProperty("DeliveryId").GetString();
        var record = JsonDocument.Parse((string)(await burstRedis.GetDatabase().StringGetAsync($"{prefix}{{d:{deliveryId}}}:record"))!).RootElement;
        if (record.GetProperty("Status").ToString() is "Sent" or "1")
            burstServerMs.Add((record.GetProperty("UpdatedAt").GetDateTimeOffset() - record.GetProperty("CreatedAt").GetDateTimeOffset()).TotalMilliseconds);
    }
    burstServerMs.Sort();
}
var burstSorted = burstMs.Order().ToList();
double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
double BurstPercentile(double p) => Percentile(burstSorted, p);

// Measure 2, the second-factor steps: flows prepared at the step, then spent by 64 connections, one correct code each.
var pools = new StepPools(http, maildev);
Console.WriteLine($"preparing {otpPool} flows at OtpChallenge (each user enrols TOTP first) and {captchaPool} at Captcha");
var otpFlows = await pools.OtpChallengesAsync([.. Enumerable.Range(0, otpPool).Select(i => $"otp{i}")], Password);
Console.WriteLine($"measuring {otpFlows.Count} OTP submits");
var otpTrace = traceDirectory is null ? null : await StepTrace.StartAsync(api.ProcessId, Path.Combine(Directory.CreateDirectory(traceDirectory).FullName, "otp.nettrace"));
var cpuBeforeOtp = api.CpuTime;
var otpSubmit = await LoadRun.MeasurePoolAsync("POST /login/flows/{id}/otp → Issued", Connections, Connections * 2, otpFlows, async flow =>
{
    using var response = await http.PostAsJsonAsync($"/api/v1/login/flows/{flow.FlowId}/otp", new { code = new OtpNet.Totp(flow.TotpSecret!).ComputeTotp() });
    return response.StatusCode == HttpStatusCode.OK;
});
var apiCpuPerOtpMs = (api.CpuTime - cpuBeforeOtp).TotalMilliseconds / otpFlows.Count;
if (otpTrace is not null) await File.WriteAllTextAsync(Path.Combine(traceDirectory!, "otp-top.txt"), await otpTrace.StopAsync());
var captchaFlows = await pools.CaptchasAsync([.. Enumerable.Range(0, captchaPool).Select(i => ($"cap{i}", $"cap{i}.{runId}@bench.example"))], Password);
var captchaTrace = traceDirectory is null ? null : await StepTrace.StartAsync(api.ProcessId, Path.Combine(traceDirectory, "captcha.nettrace"));
var cpuBeforeCaptcha = api.CpuTime;
var captchaSubmit = await LoadRun.MeasurePoolAsync("POST /login/flows/{id}/captcha → Issued", Connections, Connections * 2, captchaFlows, async flow =>
{
    using var response = await http.PostAsJsonAsync($"/api/v1/login/flows/{flow.FlowId}/captcha", new { code = flow.Code });
    return response.StatusCode == HttpStatusCode.OK;
});
var apiCpuPerCaptchaMs = (api.CpuTime - cpuBeforeCaptcha).TotalMilliseconds / captchaFlows.Count;
if (captchaTrace is not null) await File.WriteAllTextAsync(Path.Combine(traceDirectory!, "captcha-top.txt"), await captchaTrace.StopAsync());
Console.WriteLine($"API CPU per submit: OTP {apiCpuPerOtpMs:F2} ms, captcha {apiCpuPerCaptchaMs:F2} ms");
Console.WriteLine($"ratios: logins {logins.PerSecond / bcryptBound:P0} of the native bcrypt bound; GET flow {getFlow.PerSecond / floor.PerSecond:P0} of the floor " +
                  $"(p99 {getFlow.P99Ms / floor.P99Ms:F1}× the floor's); OTP {otpSubmit.PerSecond / floor.PerSecond:P1}, captcha {captchaSubmit.PerSecond / floor.PerSecond:P1} of the floor");
foreach (var step in new[] { logins, floor, getFlow, otpSubmit, captchaSubmit })
    Console.WriteLine($"{step.Name}: {step.PerSecond:F0}/s, p50 {step.P50Ms:F1} ms, p99 {step.P99Ms:F1} ms, {step.Errors} errors of {step.Requests}");

// Measures 3 (round trips) and 5 (clean-up) need the API's insides: an instance in this process, on the same services.
IReadOnlyList<StepCosts.StepCost> stepCosts = [];
IReadOnlyList<CleanupScaling.CleanupRun> cleanup = [];
if (!loginsAndSteps)
{
    await using var host = InProcessHost.Start();
    stepCosts = await StepCosts.MeasureAsync(host, stepRepetitions);
    foreach (var cost in stepCosts)
        Console.WriteLine($"  {cost.Step}: {cost.Commands:F1} commands in {cost.RoundTrips:F1} round trips (max {cost.MaxRoundTrips})");
    cleanup = await CleanupScaling.MeasureAsync(host, 10_000, [.. new[] { 0, 100_000, 1_000_000 }.Where(n => n <= maxLive)]);
}
double DeliveryPercentile(double p) => deliveryMs.Count == 0 ? double.NaN : deliveryMs[Math.Min(deliveryMs.Count - 1, (int)Math.Ceiling(p * deliveryMs.Count) - 1)];

var result = new
{
    machine = new { cores, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString(), date = DateTime.UtcNow.ToString("O"), redis = redisMode },
    bcrypt = new { workFactor = WorkFactor, implementation = hasher.Implementation, verifyMs, managedVerifyMs, boundPerSecond = bcryptBound, parallelVerifiesPerSecond = parallelPerSecond },
    logins = new { result = logins, apiIdleCpuMsPerSecond, apiCpuPerLoginMs, benchCpuPerLoginMs, ratioToBound = logins.PerSecond / bcryptBound, ratioToParallelVerifies = logins.PerSecond / parallelPerSecond },
    steps = new
    {
        generator, floor, getFlow, otpSubmit, captchaSubmit, apiCpuPerOtpMs, apiCpuPerCaptchaMs,
        ratioToFloor = new { getFlow = getFlow.PerSecond / floor.PerSecond, otp = otpSubmit.PerSecond / floor.PerSecond, captcha = captchaSubmit.PerSecond / floor.PerSecond },
        getFlowP99ToFloorP99 = getFlow.P99Ms / floor.P99Ms,
    },
    delivery = new { count = Deliveries, sent = deliveryMs.Count, undelivered, p50Ms = DeliveryPercentile(0.50), p95Ms = DeliveryPercentile(0.95), maxMs = deliveryMs.LastOrDefault() },
    deliveryBurst = new
    {
        count = loginsAndSteps ? 0 : BurstSize, sent = burstSorted.Count, undelivered = burstUndelivered,
        // Seen by the pollers (every 100 ms), and by the delivery records (queued → sent, the measure).
        polledP50Ms = BurstPercentile(0.50), polledP99Ms = BurstPercentile(0.99),
        recorded = burstServerMs.Count, p50Ms = Percentile(burstServerMs, 0.50), p99Ms = Percentile(burstServerMs, 0.99), maxMs = burstServerMs.LastOrDefault(),
    },
    redis = new { stepCosts, flowBytes, sessionBytes },
    cleanup,
};
// NaN where a measure was skipped (no deliveries under --logins-and-steps).
var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
var output = Path.Combine(root, "bench/results", $"load-{runId}.json");
await File.WriteAllTextAsync(output, json);
Console.WriteLine(json);
Console.WriteLine($"written to {output}");

await using (var connection = new MySqlConnection(mysql))
{
    await connection.OpenAsync();
    await new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", connection).ExecuteNonQueryAsync();
}
// Every master's keys, one DEL each (a cluster's keys of different slots cannot go in one).
var keys = masters.SelectMany(s => s.Keys(pattern: $"*{prefix}*", pageSize: 1000)).ToArray();
await Task.WhenAll(keys.Select(key => redis.GetDatabase().KeyDeleteAsync(key)));

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;

// Workers pass worker × 1 000 000 + i: each worker at its own user, so concurrent logins never share one.
static int UserFor(int index) => (index / 1_000_000 + index % 1_000_000 * 8) % 64;

// BENCH_API_ENV="DOTNET_gcServer=0;…": runtime settings for the API under test, to compare configurations.
static IEnumerable<KeyValuePair<string, string>> ExtraApiEnvironment() =>
    (Environment.GetEnvironmentVariable("BENCH_API_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], kv[1]));
