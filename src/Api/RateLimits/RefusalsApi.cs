using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.RateLimits;

/// <summary>One limit's refusals of one address (and account) in the last hour.</summary>
/// <param name="Limit">attempts_per_ip, failures_per_ip, global, codes_per_ip, codes_per_user or codes_per_target.</param>
/// <param name="UserId">The account, where the limit knew it (a code cap); absent for an address's request limits.</param>
/// <param name="LastAt">The start of the last minute it refused.</param>
public sealed record RefusalDto(string Limit, string? ClientIp, string? UserId, int Count, DateTimeOffset LastAt, bool KnownNetwork);

/// <summary>The last hour's refusals, the most first.</summary>
public sealed record RefusalsDto(DateTimeOffset Since, IReadOnlyList<RefusalDto> Refusals);

/// <summary>
/// Issue 25.3: which addresses and accounts the limits refused in the last hour, and by which limit, so an admin can
/// tell a rush (one address, attempts) from an attack (failures, many accounts, codes) and whether the address is in a
/// known network already.
/// </summary>
public static class RefusalsApi
{
    public static RouteHandlerBuilder MapRateLimitRefusals(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/admin/rate-limits/refusals", ReadRefusals).WithName("ReadRateLimitRefusals")
            .WithSummary("The last hour's rate-limit refusals by limit, address and account, the most first.")
            .WithTags("Admin: audit").RequireAuthorization(AccessPolicies.AuditReader);

    public static async Task<Ok<RefusalsDto>> ReadRefusals(
        IRateLimitRefusals refusals, ILoginPolicySource policies, TimeProvider time, CancellationToken cancellationToken)
    {
        var known = (await policies.GetAsync(cancellationToken)).KnownNetworks;
        var counts = await refusals.LastHourAsync(cancellationToken);
        return TypedResults.Ok(new RefusalsDto(time.GetUtcNow().AddHours(-1),
            [.. counts.Select(c => new RefusalDto(c.Limit, c.ClientIp, c.UserId, c.Count, c.LastAt, known.Contain(c.ClientIp)))]));
    }
}
