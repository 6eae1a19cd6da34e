using System.Linq.Expressions;

namespace JlnbCrm.Paging;

/// <summary>
/// One ORDER BY term: an entity member, its type, and the direction. Keyset paging needs a total order, so the
/// member is never null (a cursor holding a null is forged and refused). <paramref name="Value"/>, when given, is what
/// is ordered by instead of the plain column (a protected field as the caller sees it, <c>Access.FieldRule</c>):
/// the order, the seek and the cursor then all use that value, never the hidden one.
/// </summary>
public sealed record SortKey(string Member, Type Type, bool Descending, LambdaExpression? Value = null)
{
    public static readonly SortKey Id = new("Id", typeof(long), false);

    public static SortKey Ascending<T>(string member) => new(member, typeof(T), false);
    public static SortKey Descend<T>(string member) => new(member, typeof(T), true);
}
