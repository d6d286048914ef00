namespace LoginOrchestrator.Stores.Database;

/// <summary>A WeCom department as the last sync read it: the console shows names instead of bare ids.</summary>
public sealed class DepartmentRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public long ParentId { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
}

/// <summary>One directory sync: when, who asked, what it read and changed, or why it changed nothing.</summary>
public sealed class DirectorySyncRunRecord
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary><c>running</c>, <c>completed</c>, <c>refused</c> (a read or a share that would disable too many) or <c>failed</c>.</summary>
    public required string Outcome { get; set; }

    /// <summary><c>schedule</c>, or <c>admin:&lt;id&gt;</c>.</summary>
    public required string TriggeredBy { get; set; }
    public int Members { get; set; }
    public int Departments { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Disabled { get; set; }
    public string? Detail { get; set; }
}
