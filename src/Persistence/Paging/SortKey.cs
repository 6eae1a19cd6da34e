namespace JlnbCrm.Paging;

/// <summary>
/// One ORDER BY term: an entity member, its type, and the direction. Keyset paging needs a total order, so the
/// member is never null (a cursor holding a null is forged and refused).
/// </summary>
public sealed record SortKey(string Member, Type Type, bool Descending)
{
    public static readonly SortKey Id = new("Id", typeof(long), false);

    public static SortKey Ascending<T>(string member) => new(member, typeof(T), false);
    public static SortKey Descend<T>(string member) => new(member, typeof(T), true);
}
