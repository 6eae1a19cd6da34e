using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Paging;

/// <summary>Which page to read: a size, and at most one cursor to read after or before.</summary>
public sealed record PageRequest(int Size, string? After = null, string? Before = null, bool Backward = false)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;
}

/// <summary>One page of rows, each with its cursor, and whether there are rows either side.</summary>
public sealed record KeysetPage<T>(IReadOnlyList<(T Row, string Cursor)> Rows, bool HasNext, bool HasPrevious)
{
    public string? StartCursor => Rows.Count > 0 ? Rows[0].Cursor : null;
    public string? EndCursor => Rows.Count > 0 ? Rows[^1].Cursor : null;
}

/// <summary>
/// Keyset (seek) paging over any <see cref="IQueryable{T}"/>, shared by the GraphQL connections and the
/// pages: the cursor holds the last row's sort values, and the next page is "rows after those values", so
/// page 500 costs what page 1 costs and no row is lost or repeated when rows are added between requests.
/// Ties are broken by id.
/// </summary>
public static partial class Keyset
{
    public static async Task<KeysetPage<T>> PageAsync<T>(IQueryable<T> source, IReadOnlyList<SortKey> order,
        PageRequest page, CancellationToken ct = default) where T : class
    {
        var (keys, query) = Seek(source, order, page);
        var rows = await WithKeys(Ordered(query, keys, reverse: page.Backward).Take(page.Size + 1), keys).ToListAsync(ct);
        return Assemble(rows, keys, page);
    }

    /// <summary>The total order (ending with id) and the rows beyond the page's cursors; a foreign cursor is refused.</summary>
    private static (IReadOnlyList<SortKey> Keys, IQueryable<T> Query) Seek<T>(IQueryable<T> source, IReadOnlyList<SortKey> order,
        PageRequest page)
    {
        var keys = order.Any(k => k.Member == SortKey.Id.Member) ? order : [.. order, SortKey.Id];
        var query = source;
        if (page.After is not null) query = query.Where(Beyond<T>(keys, Cursor.Decode(page.After, keys, "after"), forward: true));
        if (page.Before is not null) query = query.Where(Beyond<T>(keys, Cursor.Decode(page.Before, keys, "before"), forward: false));
        return (keys, query);
    }

    /// <summary>A page from the rows read for it (one more than its size, in read order), with its cursors.</summary>
    private static KeysetPage<T> Assemble<T>(List<Keyed<T>> rows, IReadOnlyList<SortKey> keys, PageRequest page)
    {
        var more = rows.Count > page.Size;
        if (more) rows.RemoveAt(page.Size);
        if (page.Backward) rows.Reverse();

        var edges = rows.Select(r => (r.Row, Cursor.Encode(keys, r.Keys))).ToList();
        return new KeysetPage<T>(edges,
            HasNext: page.Backward ? page.Before is not null : more,
            HasPrevious: page.Backward ? more : page.After is not null);
    }

    /// <summary>A row with the values its cursor holds, read by the same query (computed keys are SQL expressions).</summary>
    private sealed class Keyed<T>
    {
        public T Row { get; init; } = default!;
        public object?[] Keys { get; init; } = [];
    }

    /// <summary>
    /// Each row with its sort values as the database computed them. Plain columns are read back from the row;
    /// a computed key (<see cref="SortKey.Value"/>) is selected beside it, so the cursor holds exactly what was
    /// ordered by (a masked value as the caller sees it), never the column behind it.
    /// </summary>
    private static IQueryable<Keyed<T>> WithKeys<T>(IQueryable<T> query, IReadOnlyList<SortKey> keys)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var values = keys.Select(k => Expression.Convert(KeyOf(row, k), typeof(object)));
        var select = Expression.MemberInit(Expression.New(typeof(Keyed<T>)),
            Expression.Bind(typeof(Keyed<T>).GetProperty(nameof(Keyed<T>.Row))!, row),
            Expression.Bind(typeof(Keyed<T>).GetProperty(nameof(Keyed<T>.Keys))!, Expression.NewArrayInit(typeof(object), values)));
        return query.Select(Expression.Lambda<Func<T, Keyed<T>>>(select, row));
    }

    /// <summary>The value a key orders by: the member, or the key's own expression.</summary>
    private static Expression KeyOf(ParameterExpression row, SortKey key) => key.Value is { } value
        ? Microsoft.EntityFrameworkCore.Query.ReplacingExpressionVisitor.Replace(value.Parameters[0], row, value.Body)
        : Expression.Property(row, key.Member);

    private static IQueryable<T> Ordered<T>(IQueryable<T> query, IReadOnlyList<SortKey> keys, bool reverse)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var key in keys)
        {
            var row = Expression.Parameter(typeof(T), "row");
            var lambda = Expression.Lambda(KeyOf(row, key), row);
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
                term = Expression.AndAlso(Expression.Equal(KeyOf(row, keys[j]), QueryValue.Parameter(values[j], keys[j].Type)), term);
            any = any is null ? term : Expression.OrElse(any, term);
        }
        return Expression.Lambda<Func<T, bool>>(any!, row);
    }

    private static Expression Step(ParameterExpression row, SortKey key, object? value, bool forward) =>
        QueryValue.Compare(KeyOf(row, key), QueryValue.Parameter(value, key.Type),
            key.Descending == forward ? ExpressionType.LessThan : ExpressionType.GreaterThan);
}
