namespace LoginOrchestrator.Steps.WeCom;

/// <summary>A department as the directory names it.</summary>
public sealed record DirectoryDepartment(long Id, string Name, long ParentId);

/// <summary>A member as the directory lists them; <paramref name="Active"/> is WeCom's status 1.</summary>
public sealed record DirectoryMember(string UserId, string Name, IReadOnlyList<string> Departments, string? Email, string? Mobile, bool Active);

/// <summary>The whole directory, read in one sync: every department and every member of each.</summary>
public sealed record DirectorySnapshot(IReadOnlyList<DirectoryDepartment> Departments, IReadOnlyList<DirectoryMember> Members);

/// <summary>The directory could not be read whole: a sync that gets this changes nothing.</summary>
public sealed class DirectoryReadException(string message, Exception? inner = null) : Exception(message, inner);
