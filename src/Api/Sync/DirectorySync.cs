using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.WeCom;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Settings;
using Microsoft.EntityFrameworkCore;
using static LoginOrchestrator.Templates.Settings.SettingCatalog;

namespace LoginOrchestrator.Api.Sync;

/// <summary>
/// One sync of the WeCom directory into the users and departments. The directory is read whole first; a failed or
/// empty read, or one that would disable more than <c>directory.max_disable_percent</c> of the directory's users,
/// changes nothing. Otherwise, in one transaction: names, departments and unbound contacts updated, new active
/// members provisioned (role agent, no local password), and directory users gone or not active disabled (their epoch
/// raised: every session refused at once); then their sessions and app tokens are revoked. A user WeCom never knew
/// (a local account) is never touched. A disabled user stays disabled when they come back: an admin enables them.
/// </summary>
public sealed class DirectorySync(
    LoginDbContext db, WeComDirectoryReader reader, SettingsCache settings, ISessionRevocation sessions, LoginAudit audit, TimeProvider time,
    ILogger<DirectorySync> logger)
{
    public const string Synced = "DirectorySynced";
    public const string Started = "DirectorySyncStarted";
    public const string Schedule = "schedule";

    public const string Running = "running";
    public const string Completed = "completed";
    public const string Refused = "refused";
    public const string Failed = "failed";

    public async Task<DirectorySyncRunRecord> RunAsync(string triggeredBy, CancellationToken cancellationToken)
    {
        var run = new DirectorySyncRunRecord { StartedAt = time.GetUtcNow(), Outcome = Running, TriggeredBy = triggeredBy };
        db.DirectorySyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        DirectorySnapshot snapshot;
        try
        {
            snapshot = await reader.ReadAsync(cancellationToken);
        }
        catch (DirectoryReadException e)
        {
            return await FinishAsync(run, Failed, e.Message, cancellationToken);
        }
        (run.Members, run.Departments) = (snapshot.Members.Count, snapshot.Departments.Count);
        if (snapshot.Members.Count == 0)
            return await FinishAsync(run, Refused, "The directory listed no member: nothing was changed.", cancellationToken);

        var members = snapshot.Members.GroupBy(m => UserIds.Canonical(m.UserId)).ToDictionary(g => g.Key, g => g.First());
        var users = await db.Users.ToListAsync(cancellationToken);
        var departing = users.Where(u => u.FromDirectory && !u.Disabled && !(members.TryGetValue(u.NormalizedUserId, out var m) && m.Active)).ToList();
        var directoryUsers = users.Count(u => u.FromDirectory && !u.Disabled);
        var maxPercent = (await settings.GetAsync(cancellationToken)).Int(DirectoryNamespace, "max_disable_percent");
        if (departing.Count * 100 > maxPercent * directoryUsers)
            return await FinishAsync(run, Refused,
                $"The directory would disable {departing.Count} of {directoryUsers} directory users, more than {maxPercent} %: nothing was changed.", cancellationToken);

        var now = time.GetUtcNow();
        var known = users.ToDictionary(u => u.NormalizedUserId);
        var held = new HeldContacts(users);
        foreach (var (id, member) in members.Where(m => m.Value.Active))
        {
            if (known.TryGetValue(id, out var user))
            {
                var before = AdminUsers.UserSnapshot.Of(user);
                if (!Update(user, member, held, now)) continue;
                run.Updated++;
                // Only a returning member's re-enable is an event of its own; names and departments are the counts'.
                if (before.Disabled != user.Disabled) audit.Stage(UserEvent(AdminUsers.UserAdministration.Updated, user, run, now) with { Before = before, After = AdminUsers.UserSnapshot.Of(user) });
            }
            else
            {
                var added = Provision(id, member, held, now);
                db.Users.Add(added);
                run.Added++;
            }
        }
        foreach (var user in departing)
        {
            var before = AdminUsers.UserSnapshot.Of(user);
            (user.Disabled, user.DirectoryDepartedAt, user.UpdatedAt) = (true, now, now);
            user.SessionEpoch++;
            audit.Stage(UserEvent(AdminUsers.UserAdministration.Updated, user, run, now) with
            {
                Before = before, After = AdminUsers.UserSnapshot.Of(user), Reason = "left_directory",
            });
        }
        run.Disabled = departing.Count;
        await ReplaceDepartmentsAsync(snapshot.Departments, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var user in departing) await sessions.RevokeAllAsync(user.NormalizedUserId, cancellationToken);
        logger.LogInformation("Directory sync {RunId}: {Members} members read, {Added} added, {Updated} updated, {Disabled} disabled",
            run.Id, run.Members, run.Added, run.Updated, run.Disabled);
        return await FinishAsync(run, Completed, departing.Count == 0 ? null : $"Disabled: {string.Join(", ", departing.Select(u => u.NormalizedUserId).Take(20))}", cancellationToken);
    }

    /// <summary>
    /// The directory's name and departments; a contact only where the user has none and nobody else holds it. A member
    /// this sync disabled when they left (and no admin changed since) who is back and active is enabled again.
    /// </summary>
    private static bool Update(UserAccount user, DirectoryMember member, HeldContacts held, DateTimeOffset now)
    {
        var departments = string.Join(',', member.Departments);
        var changed = user.Name != member.Name || user.Departments != departments || !user.FromDirectory || user.DirectoryDepartedAt is not null;
        if (user.Disabled && user.DirectoryDepartedAt is not null) user.Disabled = false;
        (user.Name, user.Departments, user.FromDirectory, user.DirectoryDepartedAt) = (member.Name, departments, true, null);
        if (user.Email is null && held.Take(held.Emails, member.Email) is { } email) { (user.Email, user.EmailVerified) = (email, true); changed = true; }
        if (user.Mobile is null && held.Take(held.Mobiles, member.Mobile) is { } mobile) { (user.Mobile, user.MobileVerified) = (mobile, true); changed = true; }
        if (changed) user.UpdatedAt = now;
        return changed;
    }

    /// <summary>The admin who started the run (<c>admin:&lt;id&gt;</c>), or the system for the schedule's.</summary>
    private static string ActorOf(DirectorySyncRunRecord run) =>
        run.TriggeredBy.StartsWith("admin:", StringComparison.Ordinal) ? run.TriggeredBy["admin:".Length..] : AdminAction.SystemActor;

    private static AdminAction UserEvent(string outcome, UserAccount user, DirectorySyncRunRecord run, DateTimeOffset at) =>
        new(outcome, ActorOf(run), "user", user.NormalizedUserId, ClientInfo.None, at) { UserId = user.NormalizedUserId, Reason = "directory_sync" };

    private static UserAccount Provision(string id, DirectoryMember member, HeldContacts held, DateTimeOffset now)
    {
        var user = new UserAccount
        {
            UserId = member.UserId,
            NormalizedUserId = id,
            Name = member.Name,
            Role = Roles.Agent,
            Departments = string.Join(',', member.Departments),
            FromDirectory = true,
            Email = held.Take(held.Emails, member.Email),
            Mobile = held.Take(held.Mobiles, member.Mobile),
            CreatedAt = now,
            UpdatedAt = now,
        };
        (user.EmailVerified, user.MobileVerified) = (user.Email is not null, user.Mobile is not null);
        return user;
    }

    /// <summary>The contacts enabled users hold, in sets (a sync compares every member with them): one taken is held from then on.</summary>
    private sealed class HeldContacts(List<UserAccount> users)
    {
        public HashSet<string> Emails { get; } = new(users.Where(u => !u.Disabled && u.Email is not null).Select(u => u.Email!), StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Mobiles { get; } = new(users.Where(u => !u.Disabled && u.Mobile is not null).Select(u => u.Mobile!), StringComparer.OrdinalIgnoreCase);

        /// <summary>The directory's contact, unless another enabled user holds it.</summary>
        public string? Take(HashSet<string> held, string? contact) => contact is not null && held.Add(contact) ? contact : null;
    }

    private async Task ReplaceDepartmentsAsync(IReadOnlyList<DirectoryDepartment> departments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await db.Departments.ToDictionaryAsync(d => d.Id, cancellationToken);
        foreach (var department in departments)
        {
            if (!stored.Remove(department.Id, out var record)) db.Departments.Add(record = new DepartmentRecord { Id = department.Id, Name = department.Name });
            (record.Name, record.ParentId, record.SyncedAt) = (department.Name, department.ParentId, now);
        }
        db.Departments.RemoveRange(stored.Values);
    }

    private async Task<DirectorySyncRunRecord> FinishAsync(DirectorySyncRunRecord run, string outcome, string? detail, CancellationToken cancellationToken)
    {
        (run.Outcome, run.FinishedAt, run.Detail) = (outcome, time.GetUtcNow(), detail is { Length: > 512 } ? detail[..512] : detail);
        audit.Stage(new AdminAction(Synced, ActorOf(run), "directory", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ClientInfo.None, run.FinishedAt.Value)
        {
            Reason = outcome,
            After = new { run.Outcome, run.Members, run.Departments, run.Added, run.Updated, run.Disabled, run.Detail },
        });
        await db.SaveChangesAsync(cancellationToken);
        if (outcome != Completed) logger.LogWarning("Directory sync {RunId} {Outcome}: {Detail}", run.Id, outcome, detail);
        return run;
    }
}
