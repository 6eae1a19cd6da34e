using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace JlnbCrm.Paging;

/// <summary>
/// A <see cref="SortKey"/> resolved against the row type: the expression the database orders by (EF Core turns a
/// navigation path into a join, an optional one into a LEFT JOIN), the type of the value the cursor holds, and
/// whether that value can be null. Every path that orders, seeks or writes a cursor goes through this one resolution.
/// </summary>
internal sealed record SortTerm(SortKey Key, LambdaExpression Value, Type CursorType, bool Nullable)
{
    public bool Descending => Key.Descending;

    /// <summary>The key's value for <paramref name="row"/>.</summary>
    public Expression On(ParameterExpression row) => ReplacingExpressionVisitor.Replace(Value.Parameters[0], row, Value.Body);

    /// <param name="source">The query root of the rows, when they come from EF Core (see <see cref="Along"/>).</param>
    public static SortTerm Resolve(Type rowType, SortKey key, EntityQueryRootExpression? source)
    {
        var row = Expression.Parameter(rowType, "row");
        var (value, nullable) = Along(row, source?.EntityType.Model.FindEntityType(rowType), key.Path, 0, key, source);
        if (nullable && value.Type.IsValueType && System.Nullable.GetUnderlyingType(value.Type) is null)
            value = Expression.Convert(value, typeof(Nullable<>).MakeGenericType(value.Type));
        value = SortOrder.Ranked(value);
        var cursorType = System.Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        return new SortTerm(key, Expression.Lambda(value, row), cursorType, nullable);
    }

    /// <summary>
    /// The value at <paramref name="path"/>[<paramref name="at"/>..] from <paramref name="owner"/>, and whether it can be
    /// null. An optional relation is a plain navigation (EF Core's LEFT JOIN reads a missing row as nulls). A required one
    /// is read as a correlated subquery instead: EF Core joins a required relation with an INNER JOIN, so a related row
    /// the caller may not see (row filters, row-level security) would drop the row itself from the list; the subquery
    /// gives a null, which sorts last, and the list keeps every row its filter shows.
    /// </summary>
    private static (Expression Value, bool Nullable) Along(Expression owner, IEntityType? entity, IReadOnlyList<string> path,
        int at, SortKey key, EntityQueryRootExpression? source)
    {
        var member = PropertyOf(owner.Type, path[at], key);
        if (at == path.Count - 1)
        {
            var value = key.Value is { } seen
                ? ReplacingExpressionVisitor.Replace(seen.Parameters[0], owner, seen.Body)
                : Expression.Property(owner, member);
            return (value, MayBeNull(member) || System.Nullable.GetUnderlyingType(value.Type) is not null);
        }
        var navigation = entity?.FindNavigation(path[at]);
        if (source?.QueryProvider is { } provider
            && navigation is { IsCollection: false, IsOnDependent: true, ForeignKey: { IsRequired: true } foreignKey }
            && foreignKey.Properties is [{ PropertyInfo: not null }])
        {
            var target = navigation.TargetEntityType;
            var related = Expression.Parameter(target.ClrType, "related");
            var (inner, _) = Along(related, target, path, at + 1, key, source);
            if (inner.Type.IsValueType && System.Nullable.GetUnderlyingType(inner.Type) is null)
                inner = Expression.Convert(inner, typeof(Nullable<>).MakeGenericType(inner.Type));
            var matches = Expression.Lambda(Expression.Equal(Expression.Property(related, foreignKey.PrincipalKey.Properties[0].Name),
                Expression.Property(owner, foreignKey.Properties[0].Name)), related);
            var rows = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [target.ClrType],
                new EntityQueryRootExpression(provider, target), Expression.Quote(matches));
            var values = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [target.ClrType, inner.Type],
                rows, Expression.Quote(Expression.Lambda(inner, related)));
            return (Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [inner.Type], values), true);
        }
        var (next, nullable) = Along(Expression.Property(owner, member), navigation?.TargetEntityType, path, at + 1, key, source);
        return (next, nullable || MayBeNull(member)); // an optional (or unloaded) relation: a missing row reads as nulls
    }

    private static PropertyInfo PropertyOf(Type type, string name, SortKey key) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new ArgumentException($"{type.Name} has no member '{name}' (sort key '{key.Member}').", nameof(key));

    private static readonly ConcurrentDictionary<PropertyInfo, bool> NullableMembers = new();

    /// <summary>Nullable value types, and references annotated nullable (the project compiles with nullable on).</summary>
    private static bool MayBeNull(PropertyInfo property) => NullableMembers.GetOrAdd(property, p =>
        System.Nullable.GetUnderlyingType(p.PropertyType) is not null
        || (!p.PropertyType.IsValueType && new NullabilityInfoContext().Create(p).ReadState == NullabilityState.Nullable));
}
