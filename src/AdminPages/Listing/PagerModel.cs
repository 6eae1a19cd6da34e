using JlnbCrm.Paging;

namespace JlnbCrm.AdminPages.Listing;

/// <summary>
/// What the shared pager partial needs: the cursors either side and the filter to keep in the links. A screen with
/// several paged sections (the client profile) names each section's cursor parameters (<c>AfterKey</c>, <c>BeforeKey</c>)
/// and keeps the other sections' cursors in <c>Filter</c>.
/// </summary>
public sealed record PagerModel(string? Before, string? After, IReadOnlyDictionary<string, string?> Filter, int Shown,
    string AfterKey = "after", string BeforeKey = "before")
{
    public static PagerModel For<T>(KeysetPage<T> page, IReadOnlyDictionary<string, string?> filter,
        string afterKey = "after", string beforeKey = "before") =>
        new(page.HasPrevious ? page.StartCursor : null, page.HasNext ? page.EndCursor : null, filter, page.Rows.Count, afterKey, beforeKey);

    public Dictionary<string, string?> With(string key, string? cursor)
    {
        var values = Filter.Where(f => !string.IsNullOrEmpty(f.Value) && f.Key != AfterKey && f.Key != BeforeKey)
            .ToDictionary(f => f.Key, f => f.Value);
        values[key] = cursor;
        return values;
    }
}

/// <summary>Reads the page a list screen asks for from its query string (?after=… or ?before=…).</summary>
public static class PageQuery
{
    public const int Size = 25;

    public static PageRequest From(string? after, string? before) =>
        new(Size, string.IsNullOrEmpty(after) ? null : after, string.IsNullOrEmpty(before) ? null : before,
            Backward: string.IsNullOrEmpty(after) && !string.IsNullOrEmpty(before));
}
