using System.Linq.Expressions;
using System.Reflection;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Aggregates;

/// <summary>One group: its key values, in the order the keys were asked for, and how many rows it holds.</summary>
public sealed record GroupCount(IReadOnlyList<object?> Keys, int Count);

/// <summary>
/// Counts rows per combination of keys as one GROUP BY statement. The rows come already narrowed (the context's
/// row filters, the caller's <c>where</c>), so a group counts exactly the rows the caller could list. Each key is
/// an expression over the row EF Core translates (a column, a CASE, a period bucket).
/// </summary>
public static class GroupedCounts
{
    public const int MaxKeys = 4;
    public const int MaxGroups = 1000;
    public const string TooManyGroups = "TOO_MANY_GROUPS";

    public static async Task<IReadOnlyList<GroupCount>> CountAsync<T>(IQueryable<T> rows, IReadOnlyList<LambdaExpression> keys,
        CancellationToken ct = default)
    {
        if (keys.Count > MaxKeys) throw new ArgumentException($"At most {MaxKeys} keys.", nameof(keys));
        // No key: the whole set is one group (its count may be 0).
        if (keys.Count == 0) return [new GroupCount([], await rows.CountAsync(ct))];
        var slots = Enumerable.Range(0, MaxKeys).Select(i => i < keys.Count ? keys[i].ReturnType : typeof(bool)).ToArray();
        // One generic instantiation per key types, so every key keeps its CLR type (and its value converter) in SQL.
        var method = typeof(GroupedCounts).GetMethod(nameof(Run), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod([typeof(T), .. slots]);
        var groups = await (Task<List<GroupCount>>)method.Invoke(null, [rows, keys, ct])!;
        if (groups.Count > MaxGroups)
            throw new RuleViolationException(TooManyGroups,
                $"More than {MaxGroups} groups: group by fewer fields, a longer period, or narrow the rows with where.");
        return groups;
    }

    private static async Task<List<GroupCount>> Run<T, T1, T2, T3, T4>(IQueryable<T> rows, IReadOnlyList<LambdaExpression> keys,
        CancellationToken ct)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var keyType = typeof(GroupKey<T1, T2, T3, T4>);
        // Only the asked-for slots are bound, so only they are grouped on.
        var bindings = keys.Select((key, i) => Expression.Bind(keyType.GetProperty($"K{i + 1}")!,
            new Rebind(key.Parameters[0], row).Visit(key.Body)));
        var selector = Expression.Lambda<Func<T, GroupKey<T1, T2, T3, T4>>>(
            Expression.MemberInit(Expression.New(keyType), bindings), row);
        var counted = await rows.GroupBy(selector)
            .Select(g => new GroupRow<T1, T2, T3, T4>
                { K1 = g.Key.K1, K2 = g.Key.K2, K3 = g.Key.K3, K4 = g.Key.K4, Count = g.Count() })
            .Take(MaxGroups + 1).ToListAsync(ct);
        return counted.Select(c => new GroupCount(new object?[] { c.K1, c.K2, c.K3, c.K4 }[..keys.Count], c.Count)).ToList();
    }

    private sealed class GroupKey<T1, T2, T3, T4>
    {
        public T1 K1 { get; init; } = default!;
        public T2 K2 { get; init; } = default!;
        public T3 K3 { get; init; } = default!;
        public T4 K4 { get; init; } = default!;
    }

    private sealed class GroupRow<T1, T2, T3, T4>
    {
        public T1 K1 { get; init; } = default!;
        public T2 K2 { get; init; } = default!;
        public T3 K3 { get; init; } = default!;
        public T4 K4 { get; init; } = default!;
        public int Count { get; init; }
    }

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
