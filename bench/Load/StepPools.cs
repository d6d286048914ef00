using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace LoginOrchestrator.Bench.Load;

/// <summary>A flow waiting at a second factor, and what answers it.</summary>
public sealed record PreparedFlow(string FlowId, byte[]? TotpSecret = null, string? Code = null);

/// <summary>
/// Flows brought to a second-factor step ahead of measure 2: a correct code ends a flow, so each
/// measured submit needs one of its own (and a TOTP code is taken once per user and time step).
/// </summary>
public sealed partial class StepPools(HttpClient http, string maildev)
{
    private const int PreparingWorkers = 16;

    /// <summary>Each user enrols TOTP through the account API, then a fresh flow of theirs waits at <c>OtpChallenge</c>.</summary>
    public async Task<IReadOnlyList<PreparedFlow>> OtpChallengesAsync(IReadOnlyList<string> userIds, string password)
    {
        var secrets = new ConcurrentDictionary<string, byte[]>();
        await Parallel.ForEachAsync(userIds, new ParallelOptions { MaxDegreeOfParallelism = PreparingWorkers }, async (userId, _) =>
        {
            var (_, session) = await LoginAsync(userId, password, "Issued");
            var enrolment = await SendAsync(HttpMethod.Post, "/api/v1/account/otp", null, session!);
            var secret = Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString()!);
            await SendAsync(HttpMethod.Post, "/api/v1/account/otp/confirm", new { code = new Totp(secret).ComputeTotp() }, session!);
            secrets[userId] = secret;
        });
        // The confirming code's time step is spent for each user: the measured codes come from the next one.
        var stepSeconds = 30 - DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 30;
        await Task.Delay(TimeSpan.FromSeconds(stepSeconds + 1));
        var flows = new ConcurrentBag<PreparedFlow>();
        await Parallel.ForEachAsync(userIds, new ParallelOptions { MaxDegreeOfParallelism = PreparingWorkers }, async (userId, _) =>
            flows.Add(new PreparedFlow((await LoginAsync(userId, password, "OtpChallenge")).FlowId, TotpSecret: secrets[userId])));
        return [.. flows];
    }

    /// <summary>Users in two-factor scope answer the password; their codes are read from maildev once all have arrived.</summary>
    public async Task<IReadOnlyList<PreparedFlow>> CaptchasAsync(IReadOnlyList<(string UserId, string Email)> users, string password)
    {
        var flowOf = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = PreparingWorkers }, async (user, _) =>
            flowOf[user.Email] = (await LoginAsync(user.UserId, password, "Captcha")).FlowId);

        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var codes = await CodesByAddressAsync();
            var ready = flowOf.Where(f => codes.ContainsKey(f.Key)).Select(f => new PreparedFlow(f.Value, Code: codes[f.Key])).ToList();
            if (ready.Count == flowOf.Count) return ready;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{ready.Count} of {flowOf.Count} captcha mails reached maildev in 5 minutes.");
            await Task.Delay(1000);
        }
    }

    private async Task<Dictionary<string, string>> CodesByAddressAsync()
    {
        var mails = await http.GetFromJsonAsync<JsonElement>($"{maildev}/api/email");
        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var mail in mails.EnumerateArray())
            foreach (var to in mail.GetProperty("to").EnumerateArray())
                codes[to.GetProperty("address").GetString()!] = SixToEightDigits().Match(mail.GetProperty("text").GetString() ?? "").Value;
        return codes;
    }

    /// <summary>A new flow, then the password; the flow must stand at <paramref name="expectedState"/>.</summary>
    public async Task<(string FlowId, string? Session)> LoginAsync(string userId, string password, string expectedState)
    {
        var flowId = (await SendAsync(HttpMethod.Post, "/api/v1/login/flows", null)).GetProperty("id").GetString()!;
        var answer = await SendAsync(HttpMethod.Post, $"/api/v1/login/flows/{flowId}/password", new { userId, password });
        var state = answer.GetProperty("state").GetString();
        if (state != expectedState) throw new InvalidOperationException($"{userId} reached {state}, not {expectedState}.");
        return (flowId, answer.TryGetProperty("session", out var session) ? session.GetProperty("token").GetString() : null);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex(@"\b\d{6,8}\b")]
    private static partial Regex SixToEightDigits();
}
