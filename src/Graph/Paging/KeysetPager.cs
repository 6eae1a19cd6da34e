using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using JlnbCrm.Graph.Filtering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Paging;

/// <summary>
/// Relay connections over any <see cref="IQueryable{T}"/> with keyset (seek) paging: the cursor holds the
/// last row's sort values, and the next page is "rows after those values", so page 500 costs what page 1
/// costs and no row is lost or repeated when rows are added between requests. Ties are broken by id.
/// </summary>
public static class KeysetPager
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static async Task<Connection<T>> PageAsync<T>(IQueryable<T> source, IReadOnlyList<SortKey> order,
        IResolveFieldContext context) where T : class
    {
        var (size, backward) = PageSize(context);
        var after = context.GetArgument<string?>("after");
        var before = context.GetArgument<string?>("before");
        var keys = order.Any(k => k.Member == SortKey.Id.Member) ? order : [.. order, SortKey.Id];
        var query = source;
        if (after is not null) query = query.Where(Beyond<T>(keys, Cursor.Decode(after, keys), forward: true));
        if (before is not null) query = query.Where(Beyond<T>(keys, Cursor.Decode(before, keys), forward: false));
        var rows = await Ordered(query, keys, reverse: backward).Take(size + 1).ToListAsync(context.CancellationToken);
        var more = rows.Count > size;
        if (more) rows.RemoveAt(size);
        if (backward) rows.Reverse();

        var read = keys.Select(k => Getter<T>(k.Member)).ToArray();
        var edges = rows.Select(row => new Edge<T> { Node = row, Cursor = Cursor.Encode(keys, read.Select(g => g(row)).ToArray()) }).ToList();
        return new Connection<T>
        {
            Edges = edges,
            TotalCount = context.SubFields?.ContainsKey("totalCount") == true ? await source.CountAsync(context.CancellationToken) : null,
            PageInfo = new PageInfo
            {
                HasNextPage = backward ? before is not null : more,
                HasPreviousPage = backward ? more : after is not null,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }

    private static (int Size, bool Backward) PageSize(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        if (first is not null && last is not null)
            throw new ExecutionError("Give either first or last, not both.") { Code = "INVALID_PAGE" };
        var requested = first ?? last;
        if (requested is < 0)
            throw new ExecutionError("first and last cannot be negative.") { Code = "INVALID_PAGE" };
        if (requested > MaxPageSize)
            throw new ExecutionError($"Pages hold at most {MaxPageSize} rows; {(first is not null ? "first" : "last")} was {requested}.") { Code = "PAGE_SIZE_EXCEEDED" };
        return (requested ?? DefaultPageSize, last is not null || (context.GetArgument<string?>("before") is not null && first is null));
    }

    private static IQueryable<T> Ordered<T>(IQueryable<T> query, IReadOnlyList<SortKey> keys, bool reverse)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var key in keys)
        {
            var row = Expression.Parameter(typeof(T), "row");
            var lambda = Expression.Lambda(Expression.Property(row, key.Member), row);
            var descending = key.Descending != reverse;
            var method = (ordered is null, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            ordered = (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), method,
                [typeof(T), key.Type], (ordered ?? query).Expression, Expression.Quote(lambda)));
        }
        return ordered ?? query;
    }

    /// <summary>
    /// Rows strictly after (or before) the cursor row in the order:
    /// (k1 ≻ v1) OR (k1 = v1 AND k2 ≻ v2) OR … where ≻ follows each key's direction.
    /// </summary>
    private static Expression<Func<T, bool>> Beyond<T>(IReadOnlyList<SortKey> keys, object?[] values, bool forward)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? any = null;
        for (var i = 0; i < keys.Count; i++)
        {
            Expression term = Step(row, keys[i], values[i], forward);
            for (var j = i - 1; j >= 0; j--)
                term = Expression.AndAlso(Expression.Equal(Expression.Property(row, keys[j].Member), QueryValue.Parameter(values[j], keys[j].Type)), term);
            any = any is null ? term : Expression.OrElse(any, term);
        }
        return Expression.Lambda<Func<T, bool>>(any!, row);
    }

    private static Expression Step(ParameterExpression row, SortKey key, object? value, bool forward) =>
        FilterBuilder.Compare(Expression.Property(row, key.Member), QueryValue.Parameter(value, key.Type),
            key.Descending == forward ? ExpressionType.LessThan : ExpressionType.GreaterThan);

    private static Func<T, object?> Getter<T>(string member)
    {
        var property = typeof(T).GetProperty(member)!;
        return row => property.GetValue(row);
    }
}
