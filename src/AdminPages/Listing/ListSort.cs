using JlnbCrm.Paging;

namespace JlnbCrm.AdminPages.Listing;

/// <summary>
/// A list's sort, as the URL says it: <c>?sort=name</c> ascending, <c>?sort=-name</c> descending, one of the
/// list's sortable columns (anything else falls back to the list's default). Each column is a row member the
/// shared keyset pager orders by, so a sorted list still pages by cursor.
/// </summary>
public sealed class ListSort
{
    private readonly IReadOnlyDictionary<string, SortKey> columns;

    public ListSort(string? requested, string fallback, IReadOnlyDictionary<string, SortKey> columns)
    {
        this.columns = columns;
        var descending = requested?.StartsWith('-') == true;
        var column = descending ? requested![1..] : requested;
        if (column is null || !columns.ContainsKey(column))
        {
            descending = fallback.StartsWith('-');
            column = descending ? fallback[1..] : fallback;
        }
        Column = column;
        Descending = descending;
    }

    public string Column { get; }
    public bool Descending { get; }

    /// <summary>The value of <c>sort</c> in the URL.</summary>
    public string Value => (Descending ? "-" : "") + Column;

    /// <summary>The pager's order: the chosen column, ties broken by id in the same direction.</summary>
    public IReadOnlyList<SortKey> Keys => [columns[Column] with { Descending = Descending }, SortKey.Id with { Descending = Descending }];

    /// <summary>A column header: clicking it sorts by that column, or flips the direction if it already does.</summary>
    public SortHeader Header(string label, string column, IReadOnlyDictionary<string, string?> filter)
    {
        var active = column == Column;
        var next = active && !Descending ? "-" + column : column;
        var route = filter.Where(f => !string.IsNullOrEmpty(f.Value) && f.Key is not ("after" or "before" or "sort"))
            .ToDictionary(f => f.Key, f => f.Value);
        route["sort"] = next;
        return new SortHeader(label, active ? (Descending ? "descending" : "ascending") : null, route);
    }
}

/// <summary>What the shared <c>_SortHeader</c> partial draws: the label, the current direction (if sorted by it), the link.</summary>
public sealed record SortHeader(string Label, string? Direction, IDictionary<string, string?> Route);
