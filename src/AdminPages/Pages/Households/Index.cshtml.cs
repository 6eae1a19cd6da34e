using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Households;
using JlnbCrm.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Households;

/// <summary>Households with a client the user sees, searched by name; each row counts the members the user sees.</summary>
[Authorize]
public sealed class IndexModel(CrmDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public KeysetPage<Household> Households { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    /// <summary>Per household on the page: its head's name (when seen) and how many members the user sees.</summary>
    public IReadOnlyDictionary<long, (string? Head, int Members)> Summary { get; private set; } =
        new Dictionary<long, (string?, int)>();

    public ListSort Sorting => new(Sort, "name", Columns);

    private static readonly Dictionary<string, SortKey> Columns = new()
    {
        ["name"] = SortKey.Ascending<string>(nameof(Household.Name)),
        ["created"] = SortKey.Ascending<DateTime>(nameof(Household.CreatedAt)),
    };

    public Dictionary<string, string?> FilterValues() => new() { ["q"] = Q, ["sort"] = Sorting.Value };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Households = await Keyset.PageAsync(HouseholdBook.Search(db.Households.AsNoTracking(), Q), Sorting.Keys,
            PageQuery.From(After, Before), ct);
        Pager = PagerModel.For(Households, FilterValues());
        var ids = Households.Rows.Select(r => r.Row.Id).ToList();
        var members = await db.Clients.AsNoTracking().Where(c => c.HouseholdId != null && ids.Contains(c.HouseholdId.Value))
            .Select(c => new { Household = c.HouseholdId!.Value, c.Id, c.Name }).ToListAsync(ct);
        Summary = Households.Rows.ToDictionary(r => r.Row.Id, r => (
            members.FirstOrDefault(m => m.Id == r.Row.HeadClientId)?.Name,
            members.Count(m => m.Household == r.Row.Id)));
    }
}
