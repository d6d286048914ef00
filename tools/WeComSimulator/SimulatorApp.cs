using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.WeComSimulator;

/// <summary>
/// The simulator's endpoints: WeCom's (under <c>/cgi-bin</c>, answering as WeCom does, errcode and all)
/// and its own controls (under <c>/_sim</c>) to register OAuth codes, expire tokens and inject failures.
/// </summary>
public static class SimulatorApp
{
    public const string CorpId = "wwsimulatedcorp";
    public const string Secret = "simulated-secret";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(7200);

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var state = new SimulatorState();
        var usersFile = builder.Configuration["Simulator:UsersFile"] ?? Path.Combine(AppContext.BaseDirectory, "users.json");
        foreach (var user in JsonSerializer.Deserialize<List<SimUser>>(File.ReadAllText(usersFile)) ?? [])
            state.Users[user.UserId] = user;
        builder.Services.AddSingleton(state);

        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            // Injected failures: down drops the connection, latency waits, errcode answers with it.
            var endpoint = http.Request.Path.Value!.Replace("/cgi-bin/", "");
            if (http.Request.Path.StartsWithSegments("/cgi-bin") && state.Failure is { } failure && failure.Applies(endpoint))
            {
                if (failure.LatencyMs > 0) await Task.Delay(failure.LatencyMs);
                if (failure.Down) { http.Abort(); return; }
                if (failure.Errcode is { } errcode)
                {
                    await http.Response.WriteAsJsonAsync(new { errcode, errmsg = "simulated failure" });
                    return;
                }
            }
            await next(http);
        });

        var cgi = app.MapGroup("/cgi-bin");
        cgi.MapGet("/gettoken", (string? corpid, string? corpsecret) =>
        {
            if (corpid != CorpId || corpsecret != Secret) return Error(40001, "invalid credential");
            var token = $"simtoken-{state.NextToken()}-{Guid.NewGuid():N}";
            state.Tokens[token] = DateTimeOffset.UtcNow + TokenLifetime;
            return Results.Json(new { errcode = 0, errmsg = "ok", access_token = token, expires_in = (int)TokenLifetime.TotalSeconds });
        });
        cgi.MapGet("/user/get", (string? access_token, string? userid) =>
            TokenProblem(state, access_token) ?? (userid is not null && state.Users.TryGetValue(userid, out var user)
                ? Results.Json(new
                {
                    errcode = 0, errmsg = "ok", userid = user.UserId, name = user.Name, department = user.Department,
                    status = user.Status, email = user.Email, mobile = user.Mobile,
                })
                : Error(60111, "userid not found")));
        // Directory reads for a sync: every department, then each one's members (fetch_child=0: only its own).
        cgi.MapGet("/department/list", (string? access_token) =>
            TokenProblem(state, access_token) ?? Results.Json(new
            {
                errcode = 0, errmsg = "ok",
                department = state.AllDepartments().Select(d => new { id = d.Id, name = d.Name, parentid = d.ParentId, order = d.Id }),
            }));
        cgi.MapGet("/user/list", (string? access_token, int? department_id) =>
        {
            if (TokenProblem(state, access_token) is { } problem) return problem;
            if (department_id is not { } id || !state.AllDepartments().Any(d => d.Id == id)) return Error(60123, "invalid party id");
            return Results.Json(new
            {
                errcode = 0, errmsg = "ok",
                userlist = state.Users.Values.Where(u => u.Department.Contains(id)).Select(u => new
                {
                    userid = u.UserId, name = u.Name, department = u.Department, status = u.Status, email = u.Email, mobile = u.Mobile,
                }),
            });
        });
        cgi.MapGet("/auth/getuserinfo", (string? access_token, string? code) =>
        {
            if (TokenProblem(state, access_token) is { } problem) return problem;
            if (code is null || !state.OAuthCodes.TryRemove(code, out var oauth)) return Error(40029, "invalid code");
            return oauth.UserId is not null
                ? Results.Json(new { errcode = 0, errmsg = "ok", userid = oauth.UserId, user_ticket = Guid.NewGuid().ToString("N") })
                : Results.Json(new { errcode = 0, errmsg = "ok", openid = oauth.OpenId });
        });
        cgi.MapPost("/message/send", async (string? access_token, HttpRequest request) =>
        {
            if (TokenProblem(state, access_token) is { } problem) return problem;
            var body = await JsonNode.ParseAsync(request.Body);
            var to = body?["touser"]?.GetValue<string>() ?? "";
            if (!state.Users.ContainsKey(to)) return Results.Json(new { errcode = 0, errmsg = "ok", invaliduser = to });
            state.Messages.Enqueue(new SimMessage(to, body?["agentid"]?.GetValue<int>() ?? 0, body?["text"]?["content"]?.GetValue<string>() ?? ""));
            return Results.Json(new { errcode = 0, errmsg = "ok", invaliduser = "" });
        });

        var sim = app.MapGroup("/_sim");
        sim.MapPost("/failure", (SimFailure failure) => { state.Failure = failure; return TypedResults.NoContent(); });
        sim.MapDelete("/failure", () => { state.Failure = null; return TypedResults.NoContent(); });
        sim.MapPost("/oauth-codes", (SimOAuthCode code) => { state.OAuthCodes[code.Code] = code; return TypedResults.NoContent(); });
        sim.MapPut("/users/{userid}", (string userid, SimUser user) => { state.Users[userid] = user with { UserId = userid }; return TypedResults.NoContent(); });
        sim.MapDelete("/users/{userid}", (string userid) => { state.Users.TryRemove(userid, out _); return TypedResults.NoContent(); });
        sim.MapPut("/departments/{id:int}", (int id, SimDepartment department) => { state.Departments[id] = department with { Id = id }; return TypedResults.NoContent(); });
        sim.MapPost("/expire-tokens", () => { foreach (var token in state.Tokens.Keys) state.Tokens[token] = DateTimeOffset.MinValue; return TypedResults.NoContent(); });
        sim.MapGet("/stats", () => TypedResults.Ok(new { tokensIssued = state.TokensIssued, messages = state.Messages.ToArray() }));
        return app;
    }

    /// <summary>WeCom's answers for a missing (41001), unknown (40014) or expired (42001) token.</summary>
    private static IResult? TokenProblem(SimulatorState state, string? token)
    {
        if (string.IsNullOrEmpty(token)) return Error(41001, "access_token missing");
        if (!state.Tokens.TryGetValue(token, out var expires)) return Error(40014, "invalid access_token");
        return expires <= DateTimeOffset.UtcNow ? Error(42001, "access_token expired") : null;
    }

    private static JsonHttpResult<object> Error(int errcode, string errmsg) => TypedResults.Json<object>(new { errcode, errmsg });
}
