namespace LoginOrchestrator.Api.Accounts;

/// <summary>Page numbers from 1; at most 200 items a page.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static AccountRefusal? Check(int page, int pageSize) =>
        page < 1 ? AccountRefusal.Invalid("page", "Pages are numbered from 1.")
        : pageSize is < 1 or > MaxPageSize ? AccountRefusal.Invalid("pageSize", $"From 1 to {MaxPageSize}.")
        : null;
}
