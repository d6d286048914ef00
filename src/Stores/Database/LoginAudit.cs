using System.Text.Json;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Stores.Database;

/// <summary>An action on an account outside a flow (a session ended, a contact changed, a device forgotten), for the audit.</summary>
/// <param name="SubjectId">What it was done to (a session or device id); written where a flow's id goes.</param>
/// <param name="Reason">Who did it and how: <c>by_user</c>, <c>by_admin:&lt;id&gt;</c>, a channel.</param>
public sealed record AccountAction(
    string SubjectId, string UserId, string Outcome, string Reason, ClientInfo By, DateTimeOffset At,
    IReadOnlyList<string>? Factors = null, bool Degraded = false)
{
    /// <summary>The admin who did it to the user (an admin event then); null when the user did it themself.</summary>
    public string? AdminId { get; init; }

    /// <summary>What <see cref="SubjectId"/> names: session, device, contact, api_key.</summary>
    public string? TargetType { get; init; }
}

/// <summary>Writes the audit (<c>login_audit</c>): login and recovery outcomes, account actions, admin actions.</summary>
public sealed class LoginAudit(LoginDbContext db) : ILoginAudit, IRecoveryAudit
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    public Task RecordAsync(LoginAuditEntry entry, CancellationToken cancellationToken) => RecordAllAsync([entry], cancellationToken);

    public async Task RecordAsync(AccountAction action, CancellationToken cancellationToken)
    {
        var record = new LoginAuditRecord
        {
            FlowId = action.SubjectId.Length > 64 ? action.SubjectId[..64] : action.SubjectId,
            UserId = action.UserId is { Length: > 64 } id ? id[..64] : action.UserId,
            Outcome = action.Outcome,
            Kind = action.AdminId is null ? AuditKinds.Account : AuditKinds.Admin,
            Actor = Clip(action.AdminId ?? action.UserId, 64),
            TargetType = action.TargetType,
            Factors = string.Join(',', action.Factors ?? []),
            Degraded = action.Degraded,
            Reason = action.Reason.Length > 64 ? action.Reason[..64] : action.Reason,
            ClientIp = action.By.IpAddress,
            UserAgent = action.By.UserAgent is { Length: > 512 } ua ? ua[..512] : action.By.UserAgent,
            At = action.At,
        };
        db.LoginAudit.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(record).State = EntityState.Detached;
    }

    /// <summary>
    /// Adds an admin's action to the unit of work without saving: the caller's save writes it with the change it
    /// describes, so neither is kept without the other.
    /// </summary>
    public void Stage(AdminAction action) => db.LoginAudit.Add(new LoginAuditRecord
    {
        FlowId = Clip(action.TargetId, 64)!,
        UserId = Clip(action.UserId, 64),
        Kind = AuditKinds.Admin,
        Outcome = action.Outcome,
        Actor = Clip(action.Actor, 64),
        TargetType = action.TargetType,
        Before = action.Before is null ? null : JsonSerializer.Serialize(action.Before, SnapshotJson),
        After = action.After is null ? null : JsonSerializer.Serialize(action.After, SnapshotJson),
        Reason = Clip(action.Reason, 64),
        ClientIp = action.By.IpAddress,
        UserAgent = Clip(action.By.UserAgent, 512),
        At = action.At,
    });

    /// <summary>An admin's action that changed nothing else in this database (or already saved it).</summary>
    public async Task RecordAsync(AdminAction action, CancellationToken cancellationToken)
    {
        Stage(action);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries<LoginAuditRecord>().ToList()) entry.State = EntityState.Detached;
    }

    private static string? Clip(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;

    /// <summary>A recovery's outcome, as <c>Recovery&lt;State&gt;</c>; an admin's recovery names them in its reason.</summary>
    public async Task RecordAsync(RecoveryAuditEntry entry, CancellationToken cancellationToken)
    {
        var reason = entry.StartedBy is { } admin ? $"by_admin:{admin}" + (entry.Reason is { } r ? $" {r}" : "") : entry.Reason;
        var record = new LoginAuditRecord
        {
            FlowId = entry.FlowId,
            UserId = entry.UserId is { Length: > 64 } id ? id[..64] : entry.UserId,
            Outcome = $"Recovery{entry.Outcome}",
            Factors = "",
            Reason = reason is { Length: > 64 } ? reason[..64] : reason,
            ClientIp = entry.ClientIp,
            UserAgent = entry.UserAgent is { Length: > 512 } ua ? ua[..512] : entry.UserAgent,
            At = entry.At,
        };
        db.LoginAudit.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(record).State = EntityState.Detached;
    }

    public async Task RecordAllAsync(IReadOnlyCollection<LoginAuditEntry> entries, CancellationToken cancellationToken)
    {
        var records = entries.Select(entry => new LoginAuditRecord
        {
            FlowId = entry.FlowId,
            UserId = entry.UserId is { Length: > 64 } id ? id[..64] : entry.UserId,
            Outcome = entry.Outcome.ToString(),
            Factors = string.Join(',', entry.Factors.Select(FlowNames.Factor)),
            Degraded = entry.Degraded,
            Reason = entry.Reason,
            ClientIp = entry.ClientIp,
            UserAgent = entry.UserAgent is { Length: > 512 } ua ? ua[..512] : entry.UserAgent,
            At = entry.At,
        }).ToList();
        db.LoginAudit.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
        // Written rows are of no further use; tracked, every later save in this scope would scan them all again.
        foreach (var record in records) db.Entry(record).State = EntityState.Detached;
    }

    public async Task RecordOnceAsync(IReadOnlyCollection<LoginAuditEntry> entries, CancellationToken cancellationToken)
    {
        var flowIds = entries.Select(entry => entry.FlowId).Distinct().ToList();
        var recorded = await db.LoginAudit.AsNoTracking()
            .Where(audit => audit.Kind == AuditKinds.Login && flowIds.Contains(audit.FlowId))
            .Select(audit => audit.FlowId).ToListAsync(cancellationToken);
        var fresh = entries.Where(entry => !recorded.Contains(entry.FlowId)).DistinctBy(entry => entry.FlowId).ToList();
        if (fresh.Count > 0) await RecordAllAsync(fresh, cancellationToken);
    }
}
