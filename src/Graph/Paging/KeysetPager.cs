using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Paging;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Paging;

/// <summary>Relay connections over the shared keyset pager (<see cref="Keyset"/>): reads first/after/last/before.</summary>
public static class KeysetPager
{
    public const int DefaultPageSize = PageSize.Default;
    public const int MaxPageSize = PageSize.Max;

    /// <param name="folds">Nested connections of the rows read by the same statement (<see cref="NestedFolds"/>).</param>
    public static async Task<Connection<T>> PageAsync<T>(IQueryable<T> source, IReadOnlyList<SortKey> order,
        IResolveFieldContext context, IReadOnlyList<NestedFold.Plan>? folds = null) where T : class
    {
        var page = folds is { Count: > 0 }
            ? await NestedFolds.PageAsync(context, source, order, Request(context), folds)
            : await Keyset.PageAsync(source, order, Request(context), context.CancellationToken);
        return ToConnection(page, WantsTotalCount(context) ? await source.CountAsync(context.CancellationToken) : null);
    }

    internal static bool WantsTotalCount(IResolveFieldContext context) => context.SubFields?.ContainsKey("totalCount") == true;

    internal static Connection<T> ToConnection<T>(KeysetPage<T> page, int? totalCount) =>
        new()
        {
            Edges = page.Rows.Select(r => new Edge<T> { Node = r.Row, Cursor = r.Cursor }).ToList(),
            TotalCount = totalCount,
            PageInfo = new PageInfo
            {
                HasNextPage = page.HasNext,
                HasPreviousPage = page.HasPrevious,
                StartCursor = page.StartCursor,
                EndCursor = page.EndCursor,
            },
        };

    internal static PageRequest Request(IResolveFieldContext context, int defaultSize = DefaultPageSize)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        var before = context.GetArgument<string?>("before");
        return new PageRequest(PageSize.Of(first, last, defaultSize), context.GetArgument<string?>("after"), before,
            Backward: last is not null || (before is not null && first is null));
    }
}
