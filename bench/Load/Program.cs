using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoginOrchestrator.Bench.Load;
using LoginOrchestrator.Steps.Passwords;
using MySqlConnector;
using StackExchange.Redis;

// bench/run.sh: measures 1 (password logins against the bcrypt bound), 2 (GET flow against the framework
// floor), 3 (Redis commands per step, memory per flow and session) and 4 (code delivery latency), in one run.
var seconds = Option("--seconds", 15);
var loginWorkers = Option("--login-workers", Environment.ProcessorCount * 4);
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(3);
var WorkFactor = Option("--work-factor", 11);
const int Connections = 64;
var cores = Environment.ProcessorCount;
var mysql = Environment.GetEnvironmentVariable("LO_TEST_MYSQL") ?? "Server=127.0.0.1;Port=3306;User ID=loginorchestrator;Password=lo-test-password";
var redisConfiguration = Environment.GetEnvironmentVariable("LO_TEST_REDIS") ?? "127.0.0.1:6379";
var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
var runId = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
var database = $"lo_bench_{runId}";
var prefix = $"lo-bench-{runId}:";

// Anchor 1: one bcrypt verify at the production work factor, on this machine, now.
var hasher = new BcryptPasswordHasher(WorkFactor);
const string Password = "bench-Passphrase-2026";
var hash = hasher.Hash(Password);
var verifyMs = Enumerable.Range(0, 15).Select(_ =>
{
    var watch = Stopwatch.StartNew();
    hasher.Verify(Password, hash);
    return watch.Elapsed.TotalMilliseconds;
}).Order().ElementAt(7);
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
    ["Redis__HangfirePrefix"] = $"{prefix}hangfire:",
    ["Security__BcryptWorkFactor"] = WorkFactor.ToString(),
    ["RateLimits__PerIpPerMinute"] = "10000000",
    ["RateLimits__GlobalPerMinute"] = "100000000",
    ["RateLimits__CodesPerIpPerDay"] = "1000000",
    ["Smtp__Host"] = Environment.GetEnvironmentVariable("LO_TEST_SMTP_HOST") ?? "127.0.0.1",
    ["Smtp__Port"] = Environment.GetEnvironmentVariable("LO_TEST_SMTP_PORT") ?? "1025",
}.Concat(ExtraApiEnvironment()).ToDictionary(), Path.Combine(Path.GetTempPath(), $"lo-bench-{runId}"));

// Users straight into the table the API just migrated: one per login worker, so no lock-out or lease is shared.
const int Users = 64;
const int Deliveries = 200;
await using (var connection = new MySqlConnection($"{mysql};Database={database}"))
{
    await connection.OpenAsync();
    for (var i = 0; i < Users; i++)
    {
        await using var insert = new MySqlCommand("""
            INSERT INTO user_account (UserId, NormalizedUserId, Name, Role, Disabled, PasswordHash, Departments, Language, TotpEnabled, TotpLastStep, CreatedAt, UpdatedAt)
            VALUES (@id, @id, @id, 'agent', 0, @hash, '', 'zh-CN', 0, 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """, connection);
        insert.Parameters.AddWithValue("@id", $"bench{i}");
        insert.Parameters.AddWithValue("@hash", hash);
        await insert.ExecuteNonQueryAsync();
    }
    // Measure 4's users: in department 42, the only one two-factor applies to, each with a mailbox of their own.
    for (var i = 0; i < Deliveries; i++)
    {
        await using var insert = new MySqlCommand("""
            INSERT INTO user_account (UserId, NormalizedUserId, Name, Role, Disabled, PasswordHash, Email, Departments, Language, TotpEnabled, TotpLastStep, CreatedAt, UpdatedAt)
            VALUES (@id, @id, @id, 'agent', 0, @hash, @email, '42', 'zh-CN', 0, 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """, connection);
        insert.Parameters.AddWithValue("@id", $"mail{i}");
        insert.Parameters.AddWithValue("@hash", hash);
        insert.Parameters.AddWithValue("@email", $"mail{i}@bench.example");
        await insert.ExecuteNonQueryAsync();
    }
    foreach (var (ns, key, value) in new[] { ("authentication", "type", "\"two_factor\""), ("two_factor", "scope", "{\"categories\":[],\"departments\":[\"42\"],\"profiles\":[]}") })
    {
        await using var setting = new MySqlCommand("""
            INSERT INTO setting (MetaId, Value, Enabled, UpdatedBy, CreatedAt, UpdatedAt)
            SELECT Id, @value, 1, 'bench', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM setting_meta WHERE Namespace = @ns AND `Key` = @key
            """, connection);
        setting.Parameters.AddWithValue("@ns", ns);
        setting.Parameters.AddWithValue("@key", key);
        setting.Parameters.AddWithValue("@value", value);
        await setting.ExecuteNonQueryAsync();
    }
}
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
var floor = await LoadRun.MeasureAsync("GET /healthz/live (framework floor)", Connections, warmUp, duration, async _ =>
{
    using var response = await http.GetAsync("/healthz/live");
    return response.StatusCode == HttpStatusCode.OK;
});
var getFlow = await LoadRun.MeasureAsync("GET /login/flows/{id}", Connections, warmUp, duration, async i =>
{
    using var response = await http.GetAsync($"/api/v1/login/flows/{flows[i % flows.Count]}");
    return response.StatusCode == HttpStatusCode.OK;
});

// Measure 3: Redis commands per step (INFO commandstats, so commands inside scripts and transactions count), and memory.
await using var redis = await ConnectionMultiplexer.ConnectAsync($"{redisConfiguration},allowAdmin=true");
var server = redis.GetServers()[0];
async Task<long> CommandsAsync() =>
    (await server.InfoAsync("commandstats")).SelectMany(g => g)
        .Where(p => !p.Key.Contains("info", StringComparison.OrdinalIgnoreCase))
        .Sum(p => long.Parse(p.Value.Split(',')[0].Split('=')[1]));
async Task<double> PerCallAsync(int n, Func<int, Task> call)
{
    await Task.Delay(1500); // Hangfire's own polling is part of the background count: measured just before
    var idleBefore = await CommandsAsync();
    await Task.Delay(1000);
    var idlePerSecond = await CommandsAsync() - idleBefore;
    var before = await CommandsAsync();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < n; i++) await call(i);
    var background = idlePerSecond * watch.Elapsed.TotalSeconds;
    return (await CommandsAsync() - before - background) / n;
}
var commandsGet = await PerCallAsync(500, async i => { using var r = await http.GetAsync($"/api/v1/login/flows/{flows[i % flows.Count]}"); });
var commandsCreate = await PerCallAsync(300, async _ => { using var r = await http.PostAsync("/api/v1/login/flows", null); });
var commandsLogin = await PerCallAsync(100, async i => await LoginAsync(i));
var session = (await LoginAsync(0)).Token!;
var sessionKey = $"{prefix}session:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(session)))}";
var flowBytes = (long)(await redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", $"{prefix}flow:{flows[0]}", "SAMPLES", "0"));
var sessionBytes = (long)(await redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", sessionKey, "SAMPLES", "0"));

// Measure 4: a captcha code's delivery, from the answer that queued it to the flow reporting it sent (the job
// marks it sent once the SMTP server accepted the message), polled every 5 ms; one at a time.
var untilSettings = settingsLoadedBy - DateTime.UtcNow;
if (untilSettings > TimeSpan.Zero) await Task.Delay(untilSettings);
var deliveryMs = new List<double>();
var undelivered = 0;
for (var i = 0; i < Deliveries; i++)
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
double DeliveryPercentile(double p) => deliveryMs.Count == 0 ? double.NaN : deliveryMs[Math.Min(deliveryMs.Count - 1, (int)Math.Ceiling(p * deliveryMs.Count) - 1)];

var result = new
{
    machine = new { cores, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString(), date = DateTime.UtcNow.ToString("O") },
    bcrypt = new { workFactor = WorkFactor, verifyMs, boundPerSecond = bcryptBound, parallelVerifiesPerSecond = parallelPerSecond },
    logins = new { result = logins, apiIdleCpuMsPerSecond, apiCpuPerLoginMs, benchCpuPerLoginMs, ratioToBound = logins.PerSecond / bcryptBound, ratioToParallelVerifies = logins.PerSecond / parallelPerSecond },
    steps = new { floor, getFlow, ratioToFloor = getFlow.PerSecond / floor.PerSecond },
    delivery = new { count = Deliveries, sent = deliveryMs.Count, undelivered, p50Ms = DeliveryPercentile(0.50), p95Ms = DeliveryPercentile(0.95), maxMs = deliveryMs.LastOrDefault() },
    redis = new { commandsPerGetFlow = commandsGet, commandsPerCreateFlow = commandsCreate, commandsPerPasswordLogin = commandsLogin, flowBytes, sessionBytes },
};
var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
var output = Path.Combine(root, "bench/results", $"load-{runId}.json");
await File.WriteAllTextAsync(output, json);
Console.WriteLine(json);
Console.WriteLine($"written to {output}");

await using (var connection = new MySqlConnection(mysql))
{
    await connection.OpenAsync();
    await new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", connection).ExecuteNonQueryAsync();
}
var keys = server.Keys(pattern: $"{prefix}*", pageSize: 1000).ToArray();
if (keys.Length > 0) await redis.GetDatabase().KeyDeleteAsync(keys);

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;

// Workers pass worker × 1 000 000 + i: each worker at its own user, so concurrent logins never share one.
static int UserFor(int index) => (index / 1_000_000 + index % 1_000_000 * 8) % 64;

// BENCH_API_ENV="DOTNET_gcServer=0;…": runtime settings for the API under test, to compare configurations.
static IEnumerable<KeyValuePair<string, string>> ExtraApiEnvironment() =>
    (Environment.GetEnvironmentVariable("BENCH_API_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], kv[1]));
