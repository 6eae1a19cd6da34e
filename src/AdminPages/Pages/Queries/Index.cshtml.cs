using JlnbCrm.AdminPages.Listing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Database;
using JlnbCrm.Paging;
using JlnbCrm.ServiceLevels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Queries;

/// <summary>Client queries this user may see, oldest first, with status, assignee and age filters.</summary>
[Authorize]
public sealed class IndexModel(CrmDbContext db, Choices choices) : PageModel
{
    [BindProperty(SupportsGet = true)] public ClientQueryStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public long? Assignee { get; set; }
    [BindProperty(SupportsGet = true)] public int? Age { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "due";
    [BindProperty(SupportsGet = true)] public SlaState? Sla { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public KeysetPage<ClientQuery> Queries { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    public List<SelectListItem> Staff { get; private set; } = [];
    public DateTime Now => db.UtcNow;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = new ClientQueryFilter(Status, Assignee, Age).Apply(db.ClientQueries, db.UtcNow)
            .Include(q => q.Client).Include(q => q.AssignedRm).AsNoTracking();
        if (Sla is { } state) query = query.InState(state, db.UtcNow, q => q.DueAt, q => q.ResolvedAt);
        var sort = Sort == "due" ? new SortKey(nameof(ClientQuery.DueAt), typeof(DateTime), Descending: false)
            : new SortKey(nameof(ClientQuery.CreatedAt), typeof(DateTime), Descending: Sort == "newest");
        Queries = await Keyset.PageAsync(query, [sort], PageQuery.From(After, Before), ct);
        Pager = PagerModel.For(Queries, new Dictionary<string, string?>
            { ["status"] = Status?.ToString(), ["assignee"] = Assignee?.ToString(), ["age"] = Age?.ToString(), ["sort"] = Sort, ["sla"] = Sla?.ToString() });
        Staff = await choices.StaffAsync(Assignee, ct);
    }
}
