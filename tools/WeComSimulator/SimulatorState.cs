using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace LoginOrchestrator.WeComSimulator;

/// <summary>A member of the simulated corp directory, in WeCom's field names.</summary>
public sealed record SimUser(
    [property: JsonPropertyName("userid")] string UserId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("department")] int[] Department,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("mobile")] string? Mobile = null);

/// <summary>A department of the simulated corp, in WeCom's field names (department/list).</summary>
public sealed record SimDepartment(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("parentid")] int ParentId);

/// <summary>What the simulator is told to do wrong: an errcode, latency, or being down, for one endpoint or all.</summary>
public sealed record SimFailure(
    [property: JsonPropertyName("endpoint")] string? Endpoint,
    [property: JsonPropertyName("errcode")] int? Errcode,
    [property: JsonPropertyName("latencyMs")] int LatencyMs,
    [property: JsonPropertyName("down")] bool Down)
{
    public bool Applies(string endpoint) => Endpoint is null || Endpoint == endpoint;
}

/// <summary>An OAuth code the simulator will exchange once: for a member's userid, or a non-member's openid.</summary>
public sealed record SimOAuthCode(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("userid")] string? UserId,
    [property: JsonPropertyName("openid")] string? OpenId);

/// <summary>A message sent through message/send.</summary>
public sealed record SimMessage(string ToUser, int AgentId, string Content);

/// <summary>Everything the simulator knows, shared by its endpoints.</summary>
public sealed class SimulatorState
{
    public ConcurrentDictionary<string, SimUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Departments by id; one a member names but nobody registered is listed as "部门 n" under the root.</summary>
    public ConcurrentDictionary<int, SimDepartment> Departments { get; } = new();

    public IEnumerable<SimDepartment> AllDepartments() =>
        Users.Values.SelectMany(u => u.Department).Append(1).Distinct()
            .Select(id => Departments.TryGetValue(id, out var d) ? d : new SimDepartment(id, id == 1 ? "总部" : $"部门 {id}", id == 1 ? 0 : 1))
            .Concat(Departments.Values).DistinctBy(d => d.Id).OrderBy(d => d.Id);
    public ConcurrentDictionary<string, DateTimeOffset> Tokens { get; } = new();
    public ConcurrentDictionary<string, SimOAuthCode> OAuthCodes { get; } = new();
    public ConcurrentQueue<SimMessage> Messages { get; } = new();
    public volatile SimFailure? Failure;
    private int _tokensIssued;

    public int TokensIssued => _tokensIssued;
    public int NextToken() => Interlocked.Increment(ref _tokensIssued);
}
