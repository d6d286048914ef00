using LoginOrchestrator.Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Api.Lists;

/// <summary>Page numbers from 1 to 100 000; at most 200 items a page, so an offset never overflows.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;
    public const int MaxPage = 100_000;

    public static Refusal? Check(int page, int pageSize) =>
        page is < 1 or > MaxPage ? Refusal.Invalid("page", $"Pages are numbered from 1 to {MaxPage}; narrow the filter to reach further.")
        : pageSize is < 1 or > MaxPageSize ? Refusal.Invalid("pageSize", $"From 1 to {MaxPageSize}.")
        : null;

    /// <summary>One page of an ordered query, with the total it was cut from.</summary>
    public static async Task<PageDto<TOut>> ToPageAsync<TIn, TOut>(
        this IOrderedQueryable<TIn> query, int page, int pageSize, Func<TIn, TOut> map, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PageDto<TOut>([.. items.Select(map)], page, pageSize, total);
    }
}

/// <summary>A page of a list: the items and where they sit in the whole.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
