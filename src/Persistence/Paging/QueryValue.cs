using System.Linq.Expressions;

namespace JlnbCrm.Paging;

/// <summary>
/// Values from the request enter expression trees as closure members, not constants, so EF Core sends
/// them as SQL parameters (one cached plan per query shape, nothing spliced into SQL text).
/// </summary>
public static class QueryValue
{
    public static Expression Parameter(object? value, Type type) =>
        (Expression)typeof(QueryValue).GetMethod(nameof(Typed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [value])!;

    private static Expression Typed<T>(object? value)
    {
        var box = new Box<T>((T)value!);
        return Expression.Property(Expression.Constant(box), nameof(Box<T>.Value));
    }

    /// <summary>Coerces an input value (GraphQL argument, query string) to the CLR type of the property it is compared with.</summary>
    public static object? Coerce(object? value, Type target)
    {
        if (value is null) return null;
        var type = Nullable.GetUnderlyingType(target) ?? target;
        return value switch
        {
            DateTime d when type == typeof(DateTime) => d.Kind switch
            {
                DateTimeKind.Utc => d,
                DateTimeKind.Local => d.ToUniversalTime(),
                _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
            },
            DateTimeOffset o when type == typeof(DateTime) => o.UtcDateTime,
            _ when type.IsInstanceOfType(value) => value,
            _ when type.IsEnum => Enum.ToObject(type, value),
            IConvertible => Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    /// <summary>Strings compare with string.Compare, which EF Core translates to SQL &gt; / &lt;.</summary>
    public static Expression Compare(Expression left, Expression right, ExpressionType comparison)
    {
        if (left.Type == typeof(string))
        {
            left = Expression.Call(typeof(string), nameof(string.Compare), null, left, right);
            right = Expression.Constant(0);
        }
        return Expression.MakeBinary(comparison, left, right);
    }

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }
}
