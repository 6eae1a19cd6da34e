using System.Runtime.CompilerServices;
using JlnbCrm.Paging;

namespace JlnbCrm.AdminPages.Listing;

/// <summary>
/// Every row a list's filter shows, in the list's sort, for its CSV export: read through the same keyset pager
/// as the screen, a large page at a time, so an export of the whole book never holds one huge query open.
/// </summary>
public static class ListExport
{
    private const int Chunk = 500;

    public static async IAsyncEnumerable<T> AllAsync<T>(IQueryable<T> filtered, IReadOnlyList<SortKey> order,
        [EnumeratorCancellation] CancellationToken ct = default) where T : class
    {
        string? after = null;
        do
        {
            var page = await Keyset.PageAsync(filtered, order, new PageRequest(Chunk, after), ct);
            foreach (var (row, _) in page.Rows) yield return row;
            after = page.HasNext ? page.EndCursor : null;
        } while (after is not null);
    }
}
