using JlnbCrm.Paging;

namespace JlnbCrm.AdminPages.Listing;

/// <summary>What the shared pager partial needs: the cursors either side and the filter to keep in the links.</summary>
public sealed record PagerModel(string? Before, string? After, IReadOnlyDictionary<string, string?> Filter, int Shown)
{
    public static PagerModel For<T>(KeysetPage<T> page, IReadOnlyDictionary<string, string?> filter) =>
        new(page.HasPrevious ? page.StartCursor : null, page.HasNext ? page.EndCursor : null, filter, page.Rows.Count);

    public Dictionary<string, string?> With(string key, string? cursor)
    {
        var values = Filter.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Key, f => f.Value);
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
