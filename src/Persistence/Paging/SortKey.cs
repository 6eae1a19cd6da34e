using System.Linq.Expressions;

namespace JlnbCrm.Paging;

/// <summary>
/// One ORDER BY term: a member of the row, or a path of to-one navigations ending in a member
/// (<c>"AssignedRm.Name"</c>, <c>"Product.Name"</c>), its CLR type, and the direction. Any scalar sorts: strings,
/// numbers and dates by value, enums in their declared order (not by their stored text; <see cref="SortOrder"/>),
/// flags false before true. A key that can be null (a nullable member, or a path through a navigation that may be
/// missing) sorts its nulls last in both directions, so a page boundary in the null section still seeks correctly.
/// <paramref name="Value"/>, when given, is what is ordered by instead of the path's last member, as a lambda over the
/// entity that owns that member (a protected field as the caller sees it, <c>Access.FieldRule</c>): the order, the
/// seek and the cursor then all use that value, never the hidden one.
/// </summary>
public sealed record SortKey(string Member, Type Type, bool Descending, LambdaExpression? Value = null)
{
    public static readonly SortKey Id = new("Id", typeof(long), false);

    public static SortKey Ascending<T>(string member) => new(member, typeof(T), false);
    public static SortKey Descend<T>(string member) => new(member, typeof(T), true);

    /// <summary>The navigations and member of <see cref="Member"/>, e.g. ["AssignedRm", "Name"].</summary>
    public IReadOnlyList<string> Path => Member.Split('.');
}
