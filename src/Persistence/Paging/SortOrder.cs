using System.Linq.Expressions;

namespace JlnbCrm.Paging;

/// <summary>
/// How values that have no natural SQL order are ordered, identically on PostgreSQL and SQLite. Enums are stored as
/// their text (<c>EnumTextConverter</c>), so ORDER BY on the column would sort alphabetically by that text ("Converted,
/// Denied, New, WIP") and by each database's collation; instead they sort in the order the enum declares its values,
/// which is the order the schema lists them (a lead's life: NEW, WIP, CONVERTED, DENIED), as a CASE over the stored
/// text. Flags sort false before true. The cursor then holds the position, never the text.
/// </summary>
public static class SortOrder
{
    /// <summary>The values of an enum (or false, true) in sort order.</summary>
    public static IReadOnlyList<object> ValuesOf(Type type) => type == typeof(bool)
        ? [false, true]
        : Enum.GetValues(type).Cast<object>().OrderBy(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>
    /// <paramref name="value"/> itself when it orders naturally, else its position in <see cref="ValuesOf"/>
    /// (an int, or a null int for a null value).
    /// </summary>
    internal static Expression Ranked(Expression value)
    {
        var type = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        if (!type.IsEnum && type != typeof(bool)) return value;
        var values = ValuesOf(type);
        var nullable = Nullable.GetUnderlyingType(value.Type) is not null;
        var rankType = nullable ? typeof(int?) : typeof(int);
        // CASE WHEN v = 'New' THEN 0 WHEN v = 'WIP' THEN 1 … ELSE last (or NULL when the value may be missing) END
        Expression ranked = nullable ? Expression.Constant(null, rankType) : Expression.Constant(values.Count - 1, rankType);
        for (var i = values.Count - (nullable ? 1 : 2); i >= 0; i--)
            ranked = Expression.Condition(Expression.Equal(value, Expression.Constant(values[i], value.Type)),
                Expression.Constant(i, rankType), ranked);
        return ranked;
    }
}
