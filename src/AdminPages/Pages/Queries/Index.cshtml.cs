using JlnbCrm.AdminPages.Csv;
using JlnbCrm.AdminPages.Display;
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

/// <summary>Client queries this user may see, oldest first by default, with client, status, assignee and age filters.</summary>
[Authorize]
public sealed class IndexModel(CrmDbContext db, Choices choices) : PageModel
{
    [BindProperty(SupportsGet = true)] public ClientQueryStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public long? Assignee { get; set; }
    [BindProperty(SupportsGet = true)] public int? Age { get; set; }
    [BindProperty(SupportsGet = true)] public SlaState? Sla { get; set; }
    [BindProperty(SupportsGet = true)] public string? Client { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public KeysetPage<ClientQuery> Queries { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    public List<SelectListItem> Staff { get; private set; } = [];
    public DateTime Now => db.UtcNow;
    public ListSort Sorting => new(Sort, "due", Columns); // the queue works soonest-due first

    private static readonly Dictionary<string, SortKey> Columns = new()
    {
        ["id"] = SortKey.Id,
        ["created"] = SortKey.Ascending<DateTime>(nameof(ClientQuery.CreatedAt)),
        ["due"] = SortKey.Ascending<DateTime>(nameof(ClientQuery.DueAt)),
        ["client"] = SortKey.Ascending<string>($"{nameof(ClientQuery.Client)}.{nameof(JlnbCrm.Clients.Client.Name)}"),
        ["status"] = SortKey.Ascending<ClientQueryStatus>(nameof(ClientQuery.Status)),
        ["assignee"] = SortKey.Ascending<string>($"{nameof(ClientQuery.AssignedRm)}.{nameof(JlnbCrm.Users.User.Name)}"),
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Queries = await Keyset.PageAsync(Filtered(), Sorting.Keys, PageQuery.From(After, Before), ct);
        Pager = PagerModel.For(Queries, FilterValues());
        Staff = await choices.StaffAsync(Assignee, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = ListExport.AllAsync(Filtered(), Sorting.Keys, ct).Select(q => new QueryCsvRow(q.Id, q.Client?.Name ?? "",
            q.Details, q.Status.Text(), q.AssignedRm?.Email ?? "", q.CreatedAt.Show(), q.Resolution, q.ResolvedAt.Show()));
        return await CsvFile.DownloadAsync(rows, "queries.csv", ct);
    }

    private IQueryable<ClientQuery> Filtered() => new ClientQueryFilter(Status, Assignee, Age).Apply(db.ClientQueries, db.UtcNow)
        .OfClientsMatching(db, Client, r => r.ClientId).Include(q => q.Client).Include(q => q.AssignedRm).AsNoTracking()
        .InState(Sla, db.UtcNow, q => q.DueAt, q => q.ResolvedAt);

    public Dictionary<string, string?> FilterValues() => new()
    {
        ["client"] = Client, ["status"] = Status?.ToString(), ["assignee"] = Assignee?.ToString(), ["age"] = Age?.ToString(),
        ["sla"] = Sla?.ToString(), ["sort"] = Sorting.Value,
    };
}

/// <summary>One exported query.</summary>
public sealed record QueryCsvRow(long Id, string Client, string Details, string Status, string AssignedRmEmail, string RaisedAtIst,
    string? Resolution, string ResolvedAtIst);
