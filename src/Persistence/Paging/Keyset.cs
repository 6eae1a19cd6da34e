using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

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
/// Ties are broken by id. A key that can be null sorts its nulls last in both directions, written out in the
/// ORDER BY (<c>CASE WHEN k IS NULL THEN 1 ELSE 0 END, k</c>) because PostgreSQL and SQLite disagree on where
/// they put nulls by default; the seek follows the same order (<see cref="Beyond{T}"/>).
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
    private static (IReadOnlyList<SortTerm> Keys, IQueryable<T> Query) Seek<T>(IQueryable<T> source,
        IReadOnlyList<SortKey> order, PageRequest page)
    {
        var keys = (order.Any(k => k.Member == SortKey.Id.Member) ? order : [.. order, SortKey.Id])
            .Select(k => SortTerm.Resolve(typeof(T), k, RootOf(source))).ToList();
        var query = source;
        if (page.After is not null) query = query.Where(Beyond<T>(keys, Cursor.Decode(page.After, keys, "after"), forward: true));
        if (page.Before is not null) query = query.Where(Beyond<T>(keys, Cursor.Decode(page.Before, keys, "before"), forward: false));
        return (keys, query);
    }

    /// <summary>A page from the rows read for it (one more than its size, in read order), with its cursors.</summary>
    private static KeysetPage<T> Assemble<T>(List<Keyed<T>> rows, IReadOnlyList<SortTerm> keys, PageRequest page)
    {
        var more = rows.Count > page.Size;
        if (more) rows.RemoveAt(page.Size);
        if (page.Backward) rows.Reverse();

        var edges = rows.Select(r => (r.Row, Cursor.Encode(keys, r.Keys))).ToList();
        return new KeysetPage<T>(edges,
            HasNext: page.Backward ? page.Before is not null : more,
            HasPrevious: page.Backward ? more : page.After is not null);
    }

    /// <summary>The entity query root of an EF Core query, or null for any other queryable.</summary>
    private static EntityQueryRootExpression? RootOf(IQueryable source)
    {
        var finder = new QueryRootFinder();
        finder.Visit(source.Expression);
        return finder.Root;
    }

    private sealed class QueryRootFinder : ExpressionVisitor
    {
        public EntityQueryRootExpression? Root { get; private set; }

        // Only method calls lead to the root; other EF nodes are left alone (not every one can visit its children).
        protected override Expression VisitExtension(Expression node)
        {
            if (node is EntityQueryRootExpression root) Root ??= root;
            return node;
        }
    }

    /// <summary>A row with the values its cursor holds, read by the same query (computed keys are SQL expressions).</summary>
    private sealed class Keyed<T>
    {
        public T Row { get; init; } = default!;
        public object?[] Keys { get; init; } = [];

        /// <summary>Collections read beside the row (<see cref="Folded"/>), each as its fold reads it.</summary>
        public object?[] Nested { get; init; } = [];
    }

    /// <summary>
    /// Each row with its sort values as the database computed them, selected beside the row, so the cursor holds
    /// exactly what was ordered by (a masked value as the caller sees it, an enum's position, a joined row's name).
    /// </summary>
    private static IQueryable<Keyed<T>> WithKeys<T>(IQueryable<T> query, IReadOnlyList<SortTerm> keys,
        Func<ParameterExpression, IEnumerable<Expression>>? nested = null)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var values = keys.Select(k => Expression.Convert(k.On(row), typeof(object)));
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(typeof(Keyed<T>).GetProperty(nameof(Keyed<T>.Row))!, row),
            Expression.Bind(typeof(Keyed<T>).GetProperty(nameof(Keyed<T>.Keys))!, Expression.NewArrayInit(typeof(object), values)),
        };
        if (nested is not null)
            bindings.Add(Expression.Bind(typeof(Keyed<T>).GetProperty(nameof(Keyed<T>.Nested))!, Expression.NewArrayInit(
                typeof(object), nested(row).Select(n => Expression.Convert(n, typeof(object))))));
        var select = Expression.MemberInit(Expression.New(typeof(Keyed<T>)), bindings);
        return query.Select(Expression.Lambda<Func<T, Keyed<T>>>(select, row));
    }

    private static IQueryable<T> Ordered<T>(IQueryable<T> query, IReadOnlyList<SortTerm> keys, bool reverse)
    {
        IOrderedQueryable<T>? ordered = null;
        void Then(LambdaExpression by, bool descending)
        {
            var method = (ordered is null, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            ordered = (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), method,
                [typeof(T), by.ReturnType], (ordered ?? query).Expression, Expression.Quote(by)));
        }
        foreach (var key in keys)
        {
            var row = Expression.Parameter(typeof(T), "row");
            var value = key.On(row);
            // Nulls last whatever the direction: first the "is null" flag (0 before 1), then the value.
            if (key.Nullable)
                Then(Expression.Lambda(Expression.Condition(IsNull(value), Expression.Constant(1), Expression.Constant(0)), row), reverse);
            Then(Expression.Lambda(value, row), key.Descending != reverse);
        }
        return ordered ?? query;
    }

    /// <summary>
    /// Rows strictly after (or before) the cursor row in the order:
    /// (k1 ≻ v1) OR (k1 = v1 AND k2 ≻ v2) OR … where ≻ follows each key's direction, and the null section of a
    /// nullable key lies after every value: after a value v, "k ≻ v OR k IS NULL"; after a null, nothing at that
    /// key (only ties, "k IS NULL AND …", go on); before a null, "k IS NOT NULL"; before a value v, "k ≺ v".
    /// The disjunction is preceded by the bound it implies on the first key (<see cref="Bound"/>).
    /// </summary>
    private static Expression<Func<T, bool>> Beyond<T>(IReadOnlyList<SortTerm> keys, object?[] values, bool forward)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? any = null;
        for (var i = 0; i < keys.Count; i++)
        {
            if (Step(row, keys[i], values[i], forward) is not { } term) continue;
            for (var j = i - 1; j >= 0; j--)
                term = Expression.AndAlso(Same(row, keys[j], values[j]), term);
            any = any is null ? term : Expression.OrElse(any, term);
        }
        if (any is not null && keys.Count > 1 && Bound(row, keys[0], values[0], forward) is { } bound)
            any = Expression.AndAlso(bound, any);
        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(false), row);
    }

    /// <summary>
    /// "k1 ≽ v1": what the disjunction of <see cref="Beyond{T}"/> implies about the first key, said on its own. A
    /// database cannot start an index range at an OR (PostgreSQL reads "k1 > v1 OR (k1 = v1 AND id > v2)" as a filter
    /// and walks the (k1, id) index from its first entry, testing every row before the cursor: page 500 cost 28–43×
    /// page 1 at a million clients), but it can start one at this conjunct, so a deep page reads what page 1 reads.
    /// None for a null cursor value or going forward on a nullable key ("k ≽ v OR k IS NULL" bounds no range, and
    /// such a key is ordered by its null flag first, which no index serves).
    /// </summary>
    private static Expression? Bound(ParameterExpression row, SortTerm key, object? value, bool forward)
    {
        if (value is null || (forward && key.Nullable)) return null;
        var column = key.On(row);
        return QueryValue.Compare(column, Parameter(value, key, column),
            key.Descending == forward ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual);
    }

    /// <summary>The rows beyond <paramref name="value"/> at this key alone, or null when there are none.</summary>
    private static Expression? Step(ParameterExpression row, SortTerm key, object? value, bool forward)
    {
        var column = key.On(row);
        if (value is null) return forward ? null : Expression.Not(IsNull(column));
        var beyond = QueryValue.Compare(column, Parameter(value, key, column),
            key.Descending == forward ? ExpressionType.LessThan : ExpressionType.GreaterThan);
        return forward && key.Nullable ? Expression.OrElse(beyond, IsNull(column)) : beyond;
    }

    private static Expression Same(ParameterExpression row, SortTerm key, object? value)
    {
        var column = key.On(row);
        return value is null ? IsNull(column) : Expression.Equal(column, Parameter(value, key, column));
    }

    /// <summary>The cursor's value as a SQL parameter of the key's type (nullable when the key is).</summary>
    private static Expression Parameter(object value, SortTerm key, Expression column)
    {
        var parameter = QueryValue.Parameter(value, key.CursorType);
        return parameter.Type == column.Type ? parameter : Expression.Convert(parameter, column.Type);
    }

    private static Expression IsNull(Expression value) => Expression.Equal(value, Expression.Constant(null, value.Type));
}
