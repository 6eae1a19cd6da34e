using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
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

    public static SortTerm Resolve(Type rowType, SortKey key)
    {
        var row = Expression.Parameter(rowType, "row");
        Expression owner = row;
        var nullable = false;
        var path = key.Path;
        foreach (var navigation in path.Take(path.Count - 1))
        {
            var property = PropertyOf(owner.Type, navigation, key);
            owner = Expression.Property(owner, property);
            nullable |= MayBeNull(property); // an optional (or unloaded) relation: EF Core reads a missing row as nulls
        }
        var member = PropertyOf(owner.Type, path[^1], key);
        Expression value = key.Value is { } seen
            ? ReplacingExpressionVisitor.Replace(seen.Parameters[0], owner, seen.Body)
            : Expression.Property(owner, member);
        nullable |= MayBeNull(member) || System.Nullable.GetUnderlyingType(value.Type) is not null;
        if (nullable && value.Type.IsValueType && System.Nullable.GetUnderlyingType(value.Type) is null)
            value = Expression.Convert(value, typeof(Nullable<>).MakeGenericType(value.Type));
        value = SortOrder.Ranked(value);
        var cursorType = System.Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        return new SortTerm(key, Expression.Lambda(value, row), cursorType, nullable);
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
