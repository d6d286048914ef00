namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>
/// Setting <c>two_factor.scope</c>: who a two-factor policy applies to. All lists empty means everyone;
/// otherwise a user is in scope when their category, one of their departments or their user id is listed.
/// </summary>
public sealed record TwoFactorScope(
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Departments,
    IReadOnlyList<string> Profiles)
{
    public static TwoFactorScope Everyone { get; } = new([], [], []);

    public bool Includes(LoginUser user)
    {
        if (Categories.Count == 0 && Departments.Count == 0 && Profiles.Count == 0) return true;
        return (user.Category is { } category && Categories.Contains(category, StringComparer.OrdinalIgnoreCase))
            || user.Departments.Any(d => Departments.Contains(d, StringComparer.OrdinalIgnoreCase))
            || Profiles.Contains(user.UserId, StringComparer.OrdinalIgnoreCase);
    }
}
